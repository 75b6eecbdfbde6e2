/**
 * Vertical layout of the timeline: a heading row per group, then one row per lane. Pure, shared
 * by the label column (DOM) and the canvas so they always line up.
 */
import type { Lane, LaneGroup } from './lanes';

export const ROW_H = 20;
export const GROUP_H = 22;

export type Row =
  | { type: 'group'; group: LaneGroup; y: number; h: number; collapsed: boolean }
  | { type: 'lane'; lane: Lane; y: number; h: number };

/** Rows from top to bottom, with their y offsets, and the total height; a collapsed group shows its heading only. */
export function layoutRows(
  groups: readonly LaneGroup[],
  collapsed: ReadonlySet<string> = new Set(),
): { rows: Row[]; height: number } {
  const rows: Row[] = [];
  let y = 0;
  for (const group of groups) {
    const folded = collapsed.has(group.title);
    rows.push({ type: 'group', group, y, h: GROUP_H, collapsed: folded });
    y += GROUP_H;
    if (folded) continue;
    for (const lane of group.lanes) {
      rows.push({ type: 'lane', lane, y, h: ROW_H });
      y += ROW_H;
    }
  }
  return { rows, height: y };
}

/** The row at vertical offset y, by binary search; null outside. */
export function rowAt(rows: readonly Row[], y: number): Row | null {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid];
    if (y < r.y) hi = mid - 1;
    else if (y >= r.y + r.h) lo = mid + 1;
    else return r;
  }
  return null;
}
