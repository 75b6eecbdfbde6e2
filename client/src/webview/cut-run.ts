/**
 * A run as it stands at an instant, from its finished recording: what the views get while a mode
 * hides the future (predict-then-reveal, play the scheduler). Everything at or after the instant
 * is left out, as if the horizon had stopped the run there, so no view can show what comes next:
 * events before it, spans cut at it, inversions and stalls cut at it, statements reached before
 * it, LWPs that existed before it, diagnostics of earlier instants. Pure.
 */
import type { Diagnostic } from '../../../server/src/language/diagnostic';
import type { RunResult, Span, ThreadMetrics, ThreadState, Topology } from '../../../server/src/simulator/trace';
import { zeroCounters } from '../../../server/src/simulator/world';

/** The part of [start, end) intervals before t. */
function before<T extends { start: number; end: number }>(list: readonly T[] | undefined, t: number): T[] | undefined {
  return list?.filter((x) => x.start < t).map((x) => (x.end > t ? { ...x, end: t } : x));
}

/** A thread's state just before t, from its lane; never blocked or spinning (that would draw a final tail). */
function stateBefore(m: ThreadMetrics, t: number, lane: readonly Span[]): ThreadState {
  if (m.finish !== null && m.finish < t) return m.state;
  if (m.arrival === null || m.arrival >= t) return 'not-started';
  const s = lane.find((x) => x.start < t && t <= x.end);
  return s?.state === 'running' ? 'running' : s?.state === 'faulted' ? 'faulted' : 'ready';
}

function topologyBefore(topo: Topology | undefined, spans: readonly Span[]): Topology | undefined {
  if (!topo) return undefined;
  const seen = new Set<string>();
  for (const s of spans) if (s.lane.kind === 'lwp') seen.add(`${s.lane.process}\n${s.lane.lwp}`);
  return {
    ...topo,
    processes: topo.processes.map((p) => ({ ...p, lwps: p.lwps.filter((l) => seen.has(`${p.name}\n${l.id}`)) })),
  };
}

/**
 * The run shown up to instant t, none of t's events included. The counters and the CPUs' totals
 * are not known before the end: they are zero, and a host shows none while it hides the future.
 */
export function cutRun(r: RunResult, t: number): RunResult {
  if (t >= r.endTime && !(r.events ?? []).some((e) => e.t >= t)) return r;
  const events = r.events?.filter((e) => e.t < t);
  const spans = before(r.spans, t) ?? [];
  const laneOf = new Map<string, Span[]>();
  for (const s of spans) {
    if (s.lane.kind !== 'thread') continue;
    const key = `${s.lane.process}\n${s.lane.thread}`;
    laneOf.set(key, [...(laneOf.get(key) ?? []), s]);
  }
  const threads = r.threads.map((m): ThreadMetrics => {
    const done = m.finish !== null && m.finish < t;
    const arrived = m.arrival !== null && m.arrival < t;
    return {
      ...m,
      arrival: arrived ? m.arrival : null,
      firstRun: m.firstRun !== null && m.firstRun < t ? m.firstRun : null,
      finish: done ? m.finish : null,
      cpuTime: 0,
      readyTime: 0,
      blockedTime: 0,
      spinTime: 0,
      state: stateBefore(m, t, laneOf.get(`${m.process}\n${m.name}`) ?? []),
      peakPriority: m.priority,
      peakKernelPriority: m.priority,
      waitingSince: null,
    };
  });
  const log = r.statements;
  let statements = log;
  if (log) {
    const keep = log.t.map((x) => x < t);
    statements = {
      ranges: log.ranges,
      thread: log.thread.filter((_, k) => keep[k]),
      t: log.t.filter((_, k) => keep[k]),
      range: log.range.filter((_, k) => keep[k]),
    };
  }
  const deadlocked = (events ?? []).some((e) => e.kind === 'deadlock');
  const diagnostics: Diagnostic[] = r.diagnostics.filter((d) => d.time !== null && d.time < t);
  const until = r.recording?.until ?? null;
  return {
    scenario: r.scenario,
    // As if the horizon had stopped the run at t (a deadlock before t stays one).
    outcome: deadlocked ? 'deadlock' : 'horizon',
    endTime: t,
    threads,
    cpus: r.cpus.map((c) => ({ id: c.id, busy: 0, overhead: 0, idle: 0 })),
    counters: zeroCounters(),
    diagnostics,
    events,
    spans,
    inversions: before(r.inversions, t),
    topology: topologyBefore(r.topology, spans),
    stalls: before(r.stalls, t),
    statements,
    recording: r.recording && {
      events: events?.length ?? 0,
      complete: until === null || until >= t,
      until: until !== null && until < t ? until : null,
    },
  };
}
