/**
 * The timeline's visible window of time and its mapping to pixels: zoom about a point, pan,
 * fit. Pure, so its arithmetic is unit-tested.
 */

export interface Viewport {
  /** First visible instant (ticks). */
  start: number;
  /** Visible duration (ticks), > 0. */
  span: number;
  /** Drawing width in CSS pixels, > 0. */
  width: number;
}

/** Fewest ticks a viewport may show (zoomed all the way in). */
export const MIN_SPAN = 4;

/** A viewport showing the whole run, with a small margin after the end. */
export function fitViewport(endTime: number, width: number): Viewport {
  return { start: 0, span: Math.max(MIN_SPAN, endTime * 1.02 || MIN_SPAN), width: Math.max(1, width) };
}

export function timeToX(v: Viewport, t: number): number {
  return ((t - v.start) / v.span) * v.width;
}

export function xToTime(v: Viewport, x: number): number {
  return v.start + (x / v.width) * v.span;
}

/** Keeps the window inside [0, limit] where it can (limit: the run's end, with margin). */
export function clampViewport(v: Viewport, endTime: number): Viewport {
  const limit = Math.max(MIN_SPAN, endTime * 1.02);
  const span = Math.min(Math.max(v.span, MIN_SPAN), limit);
  const start = Math.min(Math.max(0, v.start), Math.max(0, limit - span));
  return { start, span, width: v.width };
}

/** Zooms by `factor` (> 1 zooms in) keeping the instant under pixel `x` in place. */
export function zoomAt(v: Viewport, factor: number, x: number, endTime: number): Viewport {
  const anchor = xToTime(v, x);
  const span = v.span / factor;
  return clampViewport({ start: anchor - (x / v.width) * span, span, width: v.width }, endTime);
}

/** Pans by `dx` pixels (positive shows later instants). */
export function panBy(v: Viewport, dx: number, endTime: number): Viewport {
  return clampViewport({ ...v, start: v.start + (dx / v.width) * v.span }, endTime);
}

/** Scrolls just enough to bring instant t into view, keeping a tenth of the width as margin. */
export function follow(v: Viewport, t: number, endTime: number): Viewport {
  const margin = v.span / 10;
  if (t < v.start) return clampViewport({ ...v, start: t - margin }, endTime);
  if (t > v.start + v.span) return clampViewport({ ...v, start: t - v.span + margin }, endTime);
  return v;
}

/** Tick-mark spacing for an axis: a 1, 2 or 5 × 10ⁿ step giving labels about `minPx` apart. */
export function tickStep(v: Viewport, minPx = 70): number {
  const raw = (minPx / v.width) * v.span;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(1, m * pow);
  return Math.max(1, 10 * pow);
}
