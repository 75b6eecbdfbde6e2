/**
 * Canvas drawing of the lanes: bars per lane (on CPU and LWP lanes in the colour of the thread
 * they run, the state shown by pattern and border), bands (lifted priorities, what the kernel
 * does not see, stalls), inversion frames and markers. Only rows in view are drawn, and at most
 * one span per pixel column, so long runs and many lanes stay cheap.
 */
import type { Span } from '../../../server/src/simulator/trace';
import { firstEndingAfter } from '../../../server/src/simulator/derive-spans';
import { threadColour } from '../thread-colours';
import type { Palette } from './colours';
import type { DrawFrame } from './timeline-frame';
import { MARKER_GLYPHS, spanLabel } from './describe';
import type { Band } from './lane-bands';
import type { Lane } from './lanes';
import { threadKey } from './run-index';
import { drawDeadlocks, drawFlows, drawMarker, drawStripes } from './timeline-marks';
import { tickStep, timeToX, type Viewport } from './viewport';

export type { DrawFrame } from './timeline-frame';

const INSET = 3;
const HATCHED = new Set(['spinning', 'overhead']);

/** First marker index at or after t (markers sorted by time). */
function firstMarker(lane: Lane, t: number): number {
  let lo = 0;
  let hi = lane.markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lane.markers[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Colours of the threads by `process\nthread`, for the frame being drawn. */
const colourCache = new WeakMap<DrawFrame, Map<string, string | null>>();

/** The colour of the thread a CPU or LWP bar runs, or null. */
function runnerColour(f: DrawFrame, lane: Lane, s: Span): string | null {
  if (s.thread === undefined || f.index === null) return null;
  const process = lane.kind === 'cpu' ? s.process : lane.process;
  if (process === undefined || process === null) return null;
  let cache = colourCache.get(f);
  if (!cache) colourCache.set(f, (cache = new Map()));
  const key = threadKey(process, s.thread);
  let c = cache.get(key);
  if (c === undefined) {
    const info = f.index.threads.get(key);
    c = info ? threadColour(info.index, f.palette.dark) : null;
    cache.set(key, c);
  }
  return c;
}

function hatch(
  f: DrawFrame,
  x: number,
  y: number,
  w: number,
  h: number,
  colour = f.palette.foreground,
  alpha = 0.35,
): void {
  drawStripes(f.ctx, x, y, w, h, colour, alpha);
}

/** Fills a bar: thin for waiting states, full otherwise; a CPU or LWP bar in its thread's colour. */
function drawBar(f: DrawFrame, lane: Lane, s: Span, x0: number, w: number, top: number, bh: number): void {
  const { ctx, palette } = f;
  const thin = s.state === 'parked' || s.state === 'ready';
  const runner = lane.kind === 'cpu' || lane.kind === 'lwp' ? runnerColour(f, lane, s) : null;
  const y = thin ? top + bh * 0.3 : top;
  const h = thin ? bh * 0.4 : bh;
  if (runner !== null && (s.state === 'running' || s.state === 'spinning' || s.state === 'ready')) {
    ctx.fillStyle = runner;
    ctx.fillRect(x0, y, w, h);
    if (s.state === 'spinning' && w >= 4) hatch(f, x0, y, w, h, palette.background, 0.6);
  } else {
    ctx.fillStyle = palette.state[s.state];
    ctx.fillRect(x0, y, w, h);
    if (HATCHED.has(s.state) && w >= 4) hatch(f, x0, y, w, h);
    // Waiting with a thread (an LWP in io, a switch to a thread): its colour as a top strip.
    if (runner !== null) {
      ctx.fillStyle = runner;
      ctx.fillRect(x0, y, w, 3);
    }
  }
  if (s.state === 'faulted' && w >= 4) hatch(f, x0, y, w, h, palette.background, 0.8);
  if (lane.kind === 'mutex' && (s.waiting ?? 0) > 0 && w >= 4) hatch(f, x0, y, w, h);
  if (palette.contrast && w >= 3) {
    ctx.strokeStyle = palette.foreground;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y + 0.5, w - 1, h - 1);
  }
}

/** A bar's label: on a pill of the background where the bar is patterned, so it reads in every theme. */
function drawLabel(f: DrawFrame, lane: Lane, s: Span, x0: number, w: number, y: number, h: number): void {
  const { ctx, palette } = f;
  const label = spanLabel(lane, s);
  const tw = ctx.measureText(label).width;
  if (w <= tw + 8) return;
  const thin = s.state === 'parked' || s.state === 'ready';
  const patterned = HATCHED.has(s.state) || s.state === 'faulted' || (s.waiting ?? 0) > 0;
  // On a patterned bar or across a thin one, the label sits on a pill of the background.
  if (patterned || thin) {
    ctx.fillStyle = palette.background;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x0 + 2, y + 4, Math.min(tw + 6, w - 4), h - 8);
    ctx.globalAlpha = 1;
  }
  ctx.fillStyle = thin || patterned ? palette.foreground : palette.background;
  ctx.fillText(label, x0 + 4, y + h / 2 + 0.5, w - 6);
}

/** Bands over a lane: lifted priorities (top strip), what the kernel does not see, stalls. */
function drawBands(f: DrawFrame, bands: readonly Band[], y: number, h: number): void {
  const { ctx, view, palette } = f;
  const t0 = view.start;
  const t1 = view.start + view.span;
  for (const b of bands) {
    if (b.end < t0 || b.start > t1) continue;
    const x0 = Math.max(timeToX(view, b.start), -2);
    const x1 = Math.min(timeToX(view, b.end), view.width + 2);
    const w = Math.max(1, x1 - x0);
    const colour = b.kind === 'unseen' ? palette.problem : b.kind === 'stall' ? palette.stall : palette.lift;
    if (b.kind === 'stall') {
      ctx.fillStyle = colour;
      ctx.globalAlpha = 0.18;
      ctx.fillRect(x0, y + 1, w, h - 2);
      ctx.globalAlpha = 1;
      drawStripes(ctx, x0, y + h - 5, w, 4, colour, 0.9);
      continue;
    }
    ctx.fillStyle = colour;
    ctx.fillRect(x0, y + 1, w, 4);
    if (b.kind === 'unseen') drawStripes(ctx, x0, y + 1, w, 4, palette.background, 0.7);
  }
}

function drawLane(f: DrawFrame, lane: Lane, y: number, h: number): void {
  const { ctx, view, palette } = f;
  const t0 = view.start;
  const t1 = view.start + view.span;
  const top = y + INSET;
  const bh = h - 2 * INSET;
  let lastColumn = -Infinity;
  for (let i = firstEndingAfter(lane.spans, t0); i < lane.spans.length && lane.spans[i].start < t1; i++) {
    const s = lane.spans[i];
    const x0 = Math.max(timeToX(view, s.start), -2);
    const x1 = Math.min(timeToX(view, s.end), view.width + 2);
    if (x1 - x0 < 1 && Math.floor(x0) <= lastColumn) continue;
    lastColumn = Math.floor(x1);
    const w = Math.max(1, x1 - x0);
    drawBar(f, lane, s, x0, w, top, bh);
    if (lane.kind === 'cpu' && s.process !== undefined) {
      const pi = f.processIndex.get(s.process) ?? 0;
      ctx.fillStyle = palette.process[pi % palette.process.length];
      ctx.fillRect(x0, top + bh - 2, w, 3);
    }
    if (w >= 24) drawLabel(f, lane, s, x0, w, y, h);
  }
  drawBands(f, f.bands.get(lane.key) ?? [], y, h);
  for (const inv of lane.inversions) {
    if (inv.end < t0 || inv.start > t1) continue;
    const x0 = timeToX(view, inv.start);
    const w = Math.max(2, timeToX(view, inv.end) - x0);
    // A light outline under the dashes keeps the frame visible on a red (blocked) bar.
    ctx.save();
    ctx.lineWidth = 4;
    ctx.strokeStyle = palette.background;
    ctx.strokeRect(x0, y + 1, w, h - 2);
    ctx.strokeStyle = palette.problem;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.strokeRect(x0, y + 1, w, h - 2);
    ctx.restore();
  }
  for (let i = firstMarker(lane, t0); i < lane.markers.length && lane.markers[i].t <= t1; i++) {
    const m = lane.markers[i];
    if (m.kind === 'deadlock') continue;
    drawMarker(
      f.ctx,
      palette,
      timeToX(view, m.t),
      y,
      m.kind === 'fault' || m.kind === 'kill',
      MARKER_GLYPHS[m.kind] ?? '•',
    );
  }
}

/** Draws the lanes in view, the grid, the deadlock lines with their markers above, and the causes. */
export function drawLanes(f: DrawFrame): void {
  const { ctx, view, palette } = f;
  ctx.clearRect(0, 0, view.width, f.height);
  ctx.font = f.palette.font;
  ctx.textBaseline = 'middle';
  const step = tickStep(view);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let t = Math.ceil(view.start / step) * step; t <= view.start + view.span; t += step) {
    const x = Math.round(timeToX(view, t)) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, f.height);
  }
  ctx.stroke();
  for (const r of f.rows) {
    const y = r.y - f.scrollTop;
    if (y + r.h < 0) continue;
    if (y > f.height) break;
    if (r.type === 'group') {
      ctx.fillStyle = palette.band;
      ctx.fillRect(0, y, view.width, r.h);
    } else {
      drawLane(f, r.lane, y, r.h);
    }
  }
  drawDeadlocks(f);
  drawFlows(f);
}

/** The playhead's line across the lanes (drawn over the cached lanes on every frame). */
export function drawPlayhead(
  ctx: CanvasRenderingContext2D,
  view: Viewport,
  height: number,
  palette: Palette,
  playhead: number,
): void {
  const px = Math.round(timeToX(view, playhead)) + 0.5;
  ctx.strokeStyle = palette.playhead;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(px, 0);
  ctx.lineTo(px, height);
  ctx.stroke();
}

/** Draws the time axis with its labels and the playhead's handle. */
export function drawAxis(
  ctx: CanvasRenderingContext2D,
  view: Viewport,
  height: number,
  palette: Palette,
  playhead: number,
): void {
  ctx.clearRect(0, 0, view.width, height);
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.muted;
  ctx.strokeStyle = palette.muted;
  const step = tickStep(view);
  ctx.beginPath();
  for (let t = Math.ceil(view.start / step) * step; t <= view.start + view.span; t += step) {
    const x = Math.round(timeToX(view, t)) + 0.5;
    ctx.moveTo(x, height - 5);
    ctx.lineTo(x, height);
    // A label that would run past the right edge ends at it, left of its tick.
    const label = String(t);
    const w = ctx.measureText(label).width;
    ctx.fillText(label, x + 3 + w > view.width ? x - 3 - w : x + 3, height / 2 - 1);
  }
  ctx.stroke();
  const px = timeToX(view, playhead);
  ctx.fillStyle = palette.playhead;
  ctx.beginPath();
  ctx.moveTo(px - 6, 0);
  ctx.lineTo(px + 6, 0);
  ctx.lineTo(px, 8);
  ctx.closePath();
  ctx.fill();
}
