/**
 * Where each thread is in the source at an instant (the statement it reached last, for the
 * editor to mark in the thread's colour), and the next instant a thread reaches a statement
 * at a given position. From the run's statement log. Pure.
 */
import type { SourceRange } from '../../../server/src/language/model';
import type { ThreadMark } from '../protocol';
import { laneKey, spanAt } from './lanes';
import type { RunIndex } from './run-index';

/** Last index i with ts[i] <= t (-1 when none). */
function lastAtOrBefore(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Marks shown on one statement; the others there are counted on the last one shown. */
export const MARKS_PER_STATEMENT = 6;

/**
 * Each thread alive at t with the statement it reached last, in declaration order; at most
 * MARKS_PER_STATEMENT on one statement (a thread array's elements share theirs), the last of
 * them counting the others.
 */
export function marksAt(index: RunIndex, t: number): ThreadMark[] {
  const marks: ThreadMark[] = [];
  const onRange = new Map<SourceRange, ThreadMark[]>();
  for (const info of index.threads.values()) {
    const log = index.statements[info.index];
    const k = log ? lastAtOrBefore(log.t, t) : -1;
    if (k < 0) continue;
    const s = spanAt(index.lanes.get(laneKey({ kind: 'thread', process: info.process, thread: info.name })) ?? [], t);
    if (s === null) continue;
    const range = log.range[k];
    let here = onRange.get(range);
    if (!here) onRange.set(range, (here = []));
    if (here.length >= MARKS_PER_STATEMENT) {
      const last = here[here.length - 1];
      last.others = (last.others ?? 0) + 1;
      continue;
    }
    const mark: ThreadMark = { process: info.process, thread: info.name, colour: info.index, state: s.state, range };
    here.push(mark);
    marks.push(mark);
  }
  return marks;
}

function contains(r: SourceRange, p: { line: number; character: number }): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** The next time after `after` that a thread reaches a statement at `position`. */
export interface NextRun {
  t: number;
  process: string;
  thread: string;
  range: SourceRange;
}

/**
 * The first instant after `after` at which a thread reaches the statement under `position`
 * (a statement whose range holds it; when none does, one on the same line), or null.
 */
export function nextRunAt(
  index: RunIndex,
  position: { line: number; character: number },
  after: number,
): NextRun | null {
  const log = index.result.statements;
  if (!log) return null;
  const exact = new Set<number>();
  const sameLine = new Set<number>();
  log.ranges.forEach((r, i) => {
    if (contains(r, position)) exact.add(i);
    else if (r.start.line <= position.line && position.line <= r.end.line) sameLine.add(i);
  });
  // The innermost statement under the position (a `repeat` holds the statements in it).
  const extent = (i: number): number => {
    const r = log.ranges[i];
    return (r.end.line - r.start.line) * 1e6 + r.end.character - r.start.character;
  };
  const least = Math.min(...[...exact].map(extent));
  const wanted = exact.size > 0 ? new Set([...exact].filter((i) => extent(i) === least)) : sameLine;
  if (wanted.size === 0) return null;
  for (let k = lastAtOrBefore(log.t, after) + 1; k < log.t.length; k++) {
    if (!wanted.has(log.range[k])) continue;
    const th = index.result.threads[log.thread[k]];
    if (th) return { t: log.t[k], process: th.process, thread: th.name, range: log.ranges[log.range[k]] };
  }
  return null;
}
