/**
 * Bands drawn over lanes, made once per run from the recorded lanes (pure):
 * - `lift` on a thread's lane: its priority lifted by `inherit` or a `ceiling`, and by whom;
 * - `kernel` on an LWP's lane: its KLT's priority lifted above its own with its bound thread;
 * - `unseen` on an LWP's lane: the thread it runs is lifted in the library, its KLT is not (the
 *   kernel does not see ULT priorities: the visibility problem);
 * - `stall` on the pool LWPs' lanes of a process that stalled.
 */
import type { Span } from '../../../server/src/simulator/trace';
import { firstEndingAfter } from '../../../server/src/simulator/derive-spans';
import { laneKey, type LaneGroup } from './lanes';
import { threadKey, type RunIndex } from './run-index';

export interface Band {
  kind: 'lift' | 'kernel' | 'unseen' | 'stall';
  start: number;
  end: number;
  text: string;
}

/** Pieces of a thread's lane (sorted) over [start, end) where its priority is above `floor`. */
function liftedOver(spans: readonly Span[], start: number, end: number, floor: number): Span[] {
  const out: Span[] = [];
  for (let i = firstEndingAfter(spans, start); i < spans.length && spans[i].start < end; i++) {
    const s = spans[i];
    if (s.priority !== undefined && s.priority > floor) out.push(s);
  }
  return out;
}

/** Merges touching bands of the same kind and text. */
function merged(bands: Band[]): Band[] {
  const out: Band[] = [];
  for (const b of bands.sort((x, y) => x.start - y.start)) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === b.kind && prev.text === b.text && prev.end >= b.start)
      prev.end = Math.max(prev.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

/** Bands by lane key. */
export function laneBands(groups: readonly LaneGroup[], index: RunIndex): Map<string, Band[]> {
  const out = new Map<string, Band[]>();
  const add = (key: string, b: Band): void => {
    const list = out.get(key);
    if (list) list.push(b);
    else out.set(key, [b]);
  };
  // A KLT's own priority: its bound thread's, or its process's for a pool LWP.
  const ownPriority = new Map<string, number>();
  for (const p of index.topology.processes)
    for (const l of p.lwps) {
      const bound = l.bound !== null ? index.threads.get(threadKey(p.name, l.bound)) : undefined;
      ownPriority.set(laneKey({ kind: 'lwp', process: p.name, lwp: l.id }), bound ? bound.base : (p.priority ?? 0));
    }
  // Only a process with a lifted thread can have a lane where the kernel does not see it.
  const liftedIn = new Set<string>();
  for (const g of groups)
    for (const l of g.lanes)
      if (l.kind === 'thread' && l.process !== null && l.spans.some((s) => s.priority !== undefined))
        liftedIn.add(l.process);
  for (const g of groups) {
    for (const lane of g.lanes) {
      if (lane.kind === 'thread') {
        for (const s of lane.spans) {
          if (s.priority === undefined) continue;
          const how = s.lift === 'ceiling' ? `ceiling of ${s.from}` : s.from ? `inherited from ${s.from}` : 'lifted';
          add(lane.key, { kind: 'lift', start: s.start, end: s.end, text: `priority ${s.priority}, ${how}` });
        }
      } else if (lane.kind === 'lwp' && lane.process !== null) {
        const base = ownPriority.get(lane.key) ?? 0;
        for (const s of lane.spans) {
          if (s.priority !== undefined && s.priority > base)
            add(lane.key, { kind: 'kernel', start: s.start, end: s.end, text: `KLT priority ${s.priority}` });
          if (s.thread === undefined || s.priority === undefined || !liftedIn.has(lane.process)) continue;
          const th = index.lanes.get(laneKey({ kind: 'thread', process: lane.process, thread: s.thread })) ?? [];
          for (const t of liftedOver(th, s.start, s.end, s.priority)) {
            add(lane.key, {
              kind: 'unseen',
              start: Math.max(s.start, t.start),
              end: Math.min(s.end, t.end),
              text: `KLT at ${s.priority}, its thread ${s.thread} at ${t.priority}`,
            });
          }
        }
      }
    }
  }
  for (const st of index.result.stalls ?? []) {
    const p = index.topology.processes.find((x) => x.name === st.process);
    for (const l of p?.lwps ?? []) {
      if (l.bound !== null) continue;
      add(laneKey({ kind: 'lwp', process: st.process, lwp: l.id }), {
        kind: 'stall',
        start: st.start,
        end: st.end,
        text: `${st.process} stalled: every pool LWP blocked in io`,
      });
    }
  }
  for (const [k, list] of out) out.set(k, merged(list));
  return out;
}
