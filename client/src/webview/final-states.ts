/**
 * What stays true after the run's end: threads blocked forever (a deadlock, a hang) have no
 * span past `endTime`, so the timeline would show them as gone. These "tails" draw their final
 * state from the end (or their last span) for a short stretch after it, and let the mapping
 * figure show it when the playhead sits at the end.
 */
import type { LaneRef, RunResult, Span, TraceEvent } from '../../../server/src/simulator/trace';

/** Length of the tails: a twentieth of the run, at least one tick. */
export function tailLength(endTime: number): number {
  return Math.max(1, Math.round(endTime / 20));
}

/** Spans for the final states of threads still blocked or spinning at the end, their LWPs and mutexes. */
export function finalTails(result: RunResult): Span[] {
  const stuck = result.threads.filter((t) => t.state === 'blocked' || t.state === 'spinning');
  if (stuck.length === 0) return [];
  const end = result.endTime + tailLength(result.endTime);
  const lastEnd = new Map<string, number>();
  const lastMutexSpan = new Map<string, Span>();
  for (const s of result.spans ?? []) {
    const key = JSON.stringify(s.lane);
    lastEnd.set(key, Math.max(lastEnd.get(key) ?? 0, s.end));
    if (s.lane.kind === 'mutex' && s.end >= (lastMutexSpan.get(key)?.end ?? -1)) lastMutexSpan.set(key, s);
  }
  const lastBlock = new Map<string, TraceEvent>();
  for (const e of result.events ?? []) {
    if (e.thread !== null && e.process !== null && (e.kind === 'block' || e.kind === 'spin'))
      lastBlock.set(`${e.process}:${e.thread}`, e);
  }
  const from = (lane: LaneRef): number => Math.min(lastEnd.get(JSON.stringify(lane)) ?? result.endTime, result.endTime);
  const tails: Span[] = [];
  const waiters = new Map<string, string[]>();
  for (const t of stuck) {
    const lane: LaneRef = { kind: 'thread', process: t.process, thread: t.name };
    const e = lastBlock.get(`${t.process}:${t.name}`);
    const reason = e?.mutex ? `mutex ${e.mutex}` : e?.detail;
    tails.push({
      lane,
      start: from(lane),
      end,
      state: t.state === 'spinning' ? 'spinning' : 'blocked',
      reason,
      lwp: e?.lwp ?? undefined,
    });
    if (e?.mutex) {
      const key = JSON.stringify({ kind: 'mutex', process: t.process, mutex: e.mutex });
      waiters.set(key, [...(waiters.get(key) ?? []), t.name]);
    }
    const bound = result.topology?.processes.find((p) => p.name === t.process)?.lwps.find((l) => l.bound === t.name);
    if (bound) {
      const lwpLane: LaneRef = { kind: 'lwp', process: t.process, lwp: bound.id };
      tails.push({ lane: lwpLane, start: from(lwpLane), end, state: 'blocked', thread: t.name });
    }
  }
  for (const [key, names] of waiters) {
    const last = lastMutexSpan.get(key);
    if (last && last.end >= result.endTime && last.owner !== undefined) {
      tails.push({ lane: last.lane, start: result.endTime, end, state: 'held', owner: last.owner, waiters: names });
    }
  }
  return tails;
}
