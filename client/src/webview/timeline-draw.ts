/**
 * Canvas drawing of the timeline: bars per lane, markers, inversion bands, deadlock lines, the
 * axis and the playhead. Only rows in view are drawn, so long runs and many lanes stay cheap.
 */
import type { Span } from '../../../server/src/simulator/trace';
import { firstEndingAfter } from '../../../server/src/simulator/derive-spans';
import type { Palette } from './colours';
import { MARKER_GLYPHS, spanLabel } from './describe';
import type { Lane } from './lanes';
import type { Row } from './timeline-rows';
import { tickStep, timeToX, type Viewport } from './viewport';

export interface DrawFrame {
  ctx: CanvasRenderingContext2D;
  rows: readonly Row[];
  /** Vertical scroll of the lane area (rows above are skipped). */
  scrollTop: number;
  /** Height of the drawn area in CSS pixels. */
  height: number;
  view: Viewport;
  palette: Palette;
  /** Process name → index, for CPU-lane colours. */
  processIndex: Map<string, number>;
  /** Instants of deadlocks (a line across every lane). */
  deadlocks: readonly number[];
}

const INSET = 3;

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

function barColour(f: DrawFrame, s: Span): string {
  return f.palette.state[s.state];
}

/** CPU lanes: a strip in the process's colour under each bar tells processes apart. */
function processStrip(f: DrawFrame, s: Span, x: number, y: number, w: number): void {
  if (s.process === undefined) return;
  const i = f.processIndex.get(s.process) ?? 0;
  f.ctx.fillStyle = f.palette.process[i % f.palette.process.length];
  f.ctx.fillRect(x, y, w, 3);
}

function hatch(f: DrawFrame, x: number, y: number, w: number, h: number): void {
  const { ctx } = f;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = f.palette.foreground;
  ctx.globalAlpha = 0.35;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += 5) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

function drawLane(f: DrawFrame, lane: Lane, y: number, h: number): void {
  const { ctx, view, palette } = f;
  const t0 = view.start;
  const t1 = view.start + view.span;
  const top = y + INSET;
  const bh = h - 2 * INSET;
  // Zoomed far out, many spans share a pixel column: draw one per column, so a frame costs
  // at most the canvas width per lane whatever the run's length.
  let lastColumn = -Infinity;
  for (let i = firstEndingAfter(lane.spans, t0); i < lane.spans.length && lane.spans[i].start < t1; i++) {
    const s = lane.spans[i];
    const x0 = Math.max(timeToX(view, s.start), -2);
    const x1 = Math.min(timeToX(view, s.end), view.width + 2);
    if (x1 - x0 < 1 && Math.floor(x0) <= lastColumn) continue;
    lastColumn = Math.floor(x1);
    const w = Math.max(1, x1 - x0);
    const faint = s.state === 'parked' || (lane.kind === 'thread' && s.state === 'ready');
    ctx.fillStyle = barColour(f, s);
    if (faint) {
      // Ready and parked are waiting states: drawn as thin bars so running stands out.
      ctx.fillRect(x0, top + bh * 0.3, w, bh * 0.4);
    } else {
      ctx.fillRect(x0, top, w, bh);
    }
    if (lane.kind === 'cpu') processStrip(f, s, x0, top + bh - 1, w);
    // Hatching and labels only where they can be seen: both are costly at thousands a frame.
    if (
      w >= 4 &&
      (s.state === 'overhead' || s.state === 'spinning' || (lane.kind === 'mutex' && (s.waiters?.length ?? 0) > 0))
    ) {
      hatch(f, x0, top, w, bh);
    }
    if (w < 24) continue;
    const label = spanLabel(lane, s);
    const tw = ctx.measureText(label).width;
    if (w > tw + 8) {
      ctx.fillStyle = faint ? palette.foreground : palette.background;
      ctx.fillText(label, x0 + 4, y + h / 2 + 0.5, w - 6);
    }
  }
  for (const inv of lane.inversions) {
    if (inv.end < t0 || inv.start > t1) continue;
    const x0 = timeToX(view, inv.start);
    const x1 = timeToX(view, inv.end);
    ctx.save();
    ctx.strokeStyle = palette.problem;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.strokeRect(x0, y + 1, Math.max(2, x1 - x0), h - 2);
    ctx.restore();
  }
  for (let i = firstMarker(lane, t0); i < lane.markers.length && lane.markers[i].t <= t1; i++) {
    const m = lane.markers[i];
    drawMarker(
      f,
      timeToX(view, m.t),
      y,
      m.kind === 'fault' || m.kind === 'deadlock' || m.kind === 'kill',
      MARKER_GLYPHS[m.kind] ?? '•',
    );
  }
}

function drawMarker(f: DrawFrame, x: number, y: number, bad: boolean, glyph: string): void {
  const { ctx, palette } = f;
  const r = 7;
  ctx.fillStyle = bad ? palette.problem : palette.marker;
  ctx.beginPath();
  ctx.moveTo(x, y + 1);
  ctx.lineTo(x + r, y + 1 + r);
  ctx.lineTo(x, y + 1 + 2 * r);
  ctx.lineTo(x - r, y + 1 + r);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = palette.background;
  ctx.save();
  ctx.font = `bold 9px sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(glyph, x, y + 1 + r + 0.5);
  ctx.restore();
}

/** Draws the lanes in view, the grid and the deadlock lines (not the playhead). */
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
      ctx.fillStyle = palette.grid;
      ctx.fillRect(0, y, view.width, r.h);
    } else {
      drawLane(f, r.lane, y, r.h);
    }
  }
  for (const t of f.deadlocks) {
    const x = timeToX(view, t);
    ctx.save();
    ctx.strokeStyle = palette.problem;
    ctx.setLineDash([6, 3]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, f.height);
    ctx.stroke();
    ctx.restore();
  }
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
    ctx.fillText(String(t), x + 3, height / 2 - 1);
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
