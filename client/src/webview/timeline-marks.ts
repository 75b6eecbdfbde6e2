/**
 * What the timeline draws over the bars: stripes (patterns), markers, deadlock lines with their
 * markers above them, causes as arrows between lanes, and the masks of what is not recorded or
 * not revealed yet.
 */
import type { Palette } from './colours';
import type { DrawFrame, LaneFlow } from './timeline-frame';
import type { Row } from './timeline-rows';
import { timeToX, type Viewport } from './viewport';

/** Most causes drawn at once; past it only those of the playhead's instant are. */
export const MAX_FLOWS = 300;

/** Diagonal stripes over a rectangle. */
export function drawStripes(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  colour: string,
  alpha: number,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = alpha;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += 5) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** A diamond with a glyph, at the top of a lane. */
export function drawMarker(
  ctx: CanvasRenderingContext2D,
  palette: Palette,
  x: number,
  y: number,
  bad: boolean,
  glyph: string,
): void {
  const r = 7;
  ctx.fillStyle = bad ? palette.problem : palette.marker;
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x, y + 1);
  ctx.lineTo(x + r, y + 1 + r);
  ctx.lineTo(x, y + 1 + 2 * r);
  ctx.lineTo(x - r, y + 1 + r);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = palette.background;
  ctx.save();
  ctx.font = `bold 9px sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(glyph, x, y + 1 + r + 0.5);
  ctx.restore();
}

/** Deadlock lines across every lane, then their markers above the lines. */
export function drawDeadlocks(f: DrawFrame): void {
  const { ctx, view, palette } = f;
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
  if (f.deadlocks.length === 0) return;
  for (const r of f.rows) {
    const y = r.y - f.scrollTop;
    if (r.type !== 'lane' || y + r.h < 0 || y > f.height) continue;
    for (const m of r.lane.markers)
      if (m.kind === 'deadlock') drawMarker(ctx, palette, timeToX(view, m.t), y, true, 'D');
  }
}

/** An arrow from one lane's instant to another's. */
function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const bend = Math.max(14, Math.abs(y1 - y0) / 3);
  const c0x = x0 + (x1 >= x0 ? bend : -bend) * 0.4;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.bezierCurveTo(c0x, y0, x1 - 10, y1, x1, y1);
  ctx.stroke();
  const a = Math.atan2(y1 - y0, 10);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * Math.cos(a - 0.45), y1 - 7 * Math.sin(a - 0.45));
  ctx.lineTo(x1 - 7 * Math.cos(a + 0.45), y1 - 7 * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}

/** Draws the causes of `flows` whose ends are on rows in view. */
export function drawFlowList(
  ctx: CanvasRenderingContext2D,
  flows: readonly LaneFlow[],
  rowOf: ReadonlyMap<string, Row>,
  view: Viewport,
  scrollTop: number,
  palette: Palette,
): void {
  ctx.save();
  ctx.strokeStyle = palette.flow;
  ctx.fillStyle = palette.flow;
  ctx.lineWidth = 1.5;
  for (const fl of flows) {
    const a = rowOf.get(fl.from);
    const b = rowOf.get(fl.to);
    if (!a || !b) continue;
    const y0 = a.y - scrollTop + a.h / 2;
    const y1 = b.y - scrollTop + b.h / 2;
    arrow(ctx, timeToX(view, fl.t0), y0, timeToX(view, fl.t1), y1 === y0 ? y1 - 4 : y1);
  }
  ctx.restore();
}

/** The causes in view, when they are few enough to read (else the overlay draws those at the playhead). */
export function drawFlows(f: DrawFrame): void {
  const t0 = f.view.start;
  const t1 = f.view.start + f.view.span;
  const inView = f.flows.filter((fl) => fl.t1 >= t0 && fl.t0 <= t1);
  if (inView.length > MAX_FLOWS) return;
  drawFlowList(f.ctx, inView, f.rowOf, f.view, f.scrollTop, f.palette);
}

/** Masks: hatched where nothing was recorded (after `until`), opaque after `revealed` (Infinity: nothing hidden). */
export function drawMasks(
  ctx: CanvasRenderingContext2D,
  view: Viewport,
  height: number,
  palette: Palette,
  until: number | null,
  revealed: number,
): void {
  if (until !== null) {
    const x = Math.max(0, timeToX(view, until));
    if (x < view.width) {
      ctx.fillStyle = palette.background;
      ctx.globalAlpha = 0.75;
      ctx.fillRect(x, 0, view.width - x, height);
      ctx.globalAlpha = 1;
      drawStripes(ctx, x, 0, view.width - x, height, palette.muted, 0.4);
      ctx.fillStyle = palette.foreground;
      ctx.fillText(`not recorded after t=${until}`, x + 6, 12);
    }
  }
  if (Number.isFinite(revealed)) {
    const x = Math.max(0, timeToX(view, revealed));
    if (x < view.width) {
      ctx.fillStyle = palette.background;
      ctx.fillRect(x, 0, view.width - x, height);
      ctx.fillStyle = palette.muted;
      ctx.fillText('not revealed yet', x + 6, 12);
    }
  }
}
