/**
 * What stays true after the run's end: threads blocked forever (a deadlock, a hang) have no
 * span past `endTime`, so the timeline would show them as gone. These "tails" draw their final
 * state from the end (or their last span) for a short stretch after it, and let the mapping
 * figure show it when the playhead sits at the end.
 */
import type { LaneRef, RunResult, Span, TraceEvent } from '../../../server/src/simulator/trace';
import { deriveSpans } from '../../../server/src/simulator/derive-spans';
import { parseWait } from './waits';

/** Length of the tails: a twentieth of the run, at least one tick. */
export function tailLength(endTime: number): number {
  return Math.max(1, Math.round(endTime / 20));
}

/**
 * Spans for the final states of threads still blocked or spinning at the end, their LWPs and
 * the mutexes they wait for: from the states recorded at the end (`final`) when the run has
 * them, else pieced together from the last spans and events.
 */
export function finalTails(result: RunResult): Span[] {
  const stuck = result.threads.filter((t) => t.state === 'blocked' || t.state === 'spinning');
  if (stuck.length === 0) return [];
  if (result.final) return tailsFromFinal(result, result.final);
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

/** Tails from the states recorded at the end: the stuck threads', their LWPs', and their mutexes'. */
function tailsFromFinal(result: RunResult, final: readonly Span[]): Span[] {
  const start = result.endTime;
  const end = start + tailLength(result.endTime);
  const stuck = new Set(
    result.threads.filter((t) => t.state === 'blocked' || t.state === 'spinning').map((t) => `${t.process}\n${t.name}`),
  );
  const lwps = new Set<string>();
  const mutexes = new Set<string>();
  const tails: Span[] = [];
  for (const s of final) {
    if (s.lane.kind !== 'thread' || !stuck.has(`${s.lane.process}\n${s.lane.thread}`)) continue;
    tails.push({ ...s, start, end });
    if (s.lwp !== undefined) lwps.add(`${s.lane.process}\n${s.lwp}`);
    const w = parseWait(s.reason);
    if (w?.kind === 'mutex') mutexes.add(`${s.lane.process}\n${w.names[0]}`);
  }
  for (const s of final) {
    const l = s.lane;
    if (
      (l.kind === 'lwp' && lwps.has(`${l.process}\n${l.lwp}`)) ||
      (l.kind === 'mutex' && mutexes.has(`${l.process}\n${l.mutex}`))
    )
      tails.push({ ...s, start, end });
  }
  return deriveSpans(tails);
}
