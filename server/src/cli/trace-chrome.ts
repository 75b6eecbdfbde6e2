/**
 * `threadscape run FILE --trace OUT`: the run as Chrome trace event JSON (Perfetto,
 * chrome://tracing). One trace process per simulated process (a track per thread and per
 * LWP), one more for the CPUs; states are complete events ("X"), upcalls, signals, interrupts
 * and faults are instant events ("i"); metadata events ("M") name processes and tracks; causes
 * (an unlock to the hand-off and wake-up, a signal to a wake-up, an upcall to its LWP, an
 * interrupt to its preemption) are flows ("s" to "f") between the tracks, as Perfetto draws them.
 * One tick is one microsecond of trace time.
 */
import type { RunResult, TraceEvent } from '../simulator';
import { writeOutput } from './files';

/** An event of the Trace Event Format. */
export interface ChromeEvent {
  name: string;
  cat?: string;
  ph: 'X' | 'i' | 'M' | 's' | 'f';
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  s?: 'g' | 'p' | 't';
  /** Flows: the id joining a start to its finish, bound to the enclosing slice. */
  id?: number;
  bp?: 'e';
  args?: Record<string, unknown>;
}

const INSTANTS = new Set([
  'upcall',
  'ipi',
  'signal',
  'fault',
  'kill',
  'deadlock',
  'lwp_create',
  'lwp_reclaim',
  'reap',
  'reuse',
]);
const LWP_TID = 100000;
const MUTEX_TID = 200000;

/** Converts a recorded run (spans and events) into trace events. */
export function chromeTrace(result: RunResult): { traceEvents: ChromeEvent[]; displayTimeUnit: string } {
  const ev: ChromeEvent[] = [];
  const procs = result.topology?.processes ?? [];
  const pidOf = new Map<string, number>();
  const tidOf = new Map<string, number>();
  procs.forEach((p, i) => {
    const pid = i + 1;
    pidOf.set(p.name, pid);
    ev.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: `${p.name} (${p.model})` } });
    ev.push({ name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } });
    p.threads.forEach((t, k) => {
      tidOf.set(`${p.name}/${t.name}`, k + 1);
      ev.push({
        name: 'thread_name',
        ph: 'M',
        pid,
        tid: k + 1,
        args: { name: `${t.name} (priority ${t.priority}${t.bound ? ', bound' : ''})` },
      });
    });
    for (const l of p.lwps)
      ev.push({
        name: 'thread_name',
        ph: 'M',
        pid,
        tid: LWP_TID + l.id,
        args: { name: `LWP ${l.id}${l.bound ? ` (${l.bound})` : ''}` },
      });
    p.mutexes.forEach((m, k) =>
      ev.push({ name: 'thread_name', ph: 'M', pid, tid: MUTEX_TID + k, args: { name: `mutex ${m}` } }),
    );
  });
  const cpuPid = procs.length + 1;
  ev.push({ name: 'process_name', ph: 'M', pid: cpuPid, tid: 0, args: { name: 'CPUs' } });
  for (const c of result.cpus)
    ev.push({ name: 'thread_name', ph: 'M', pid: cpuPid, tid: c.id + 1, args: { name: `CPU ${c.id}` } });

  for (const s of result.spans ?? []) {
    const lane = s.lane;
    let pid: number;
    let tid: number;
    let name: string = s.state;
    if (lane.kind === 'cpu') {
      pid = cpuPid;
      tid = lane.cpu + 1;
      if (s.thread) name = s.state === 'overhead' ? `switch to ${s.thread}` : s.thread;
    } else if (lane.kind === 'thread') {
      pid = pidOf.get(lane.process) ?? 0;
      tid = tidOf.get(`${lane.process}/${lane.thread}`) ?? 0;
      if (s.reason) name = `${s.state}: ${s.reason}`;
    } else if (lane.kind === 'lwp') {
      pid = pidOf.get(lane.process) ?? 0;
      tid = LWP_TID + lane.lwp;
      if (s.thread) name = `${s.state}: ${s.thread}`;
    } else {
      pid = pidOf.get(lane.process) ?? 0;
      const p = procs.find((x) => x.name === lane.process);
      tid = MUTEX_TID + (p ? p.mutexes.indexOf(lane.mutex) : 0);
      name = `held by ${s.owner ?? '?'}`;
    }
    const args: Record<string, unknown> = { state: s.state };
    for (const k of ['thread', 'process', 'lwp', 'cpu', 'reason', 'owner', 'waiters'] as const)
      if (s[k] !== undefined) args[k] = s[k];
    ev.push({ name, cat: s.state, ph: 'X', ts: s.start, dur: s.end - s.start, pid, tid, args });
  }
  for (const e of result.events ?? []) {
    if (!INSTANTS.has(e.kind)) continue;
    const pid = e.process ? (pidOf.get(e.process) ?? cpuPid) : cpuPid;
    const tid = e.thread && e.process ? (tidOf.get(`${e.process}/${e.thread}`) ?? 0) : 0;
    ev.push({
      name: e.detail ? `${e.kind}: ${e.detail}` : e.kind,
      cat: e.kind,
      ph: 'i',
      ts: e.t,
      pid,
      tid,
      s: tid ? 't' : 'p',
      args: { ...e },
    });
  }
  // A flow binds to a slice: an event of a whole process (an upcall) starts on its first LWP's track.
  const firstLwp = new Map(procs.filter((p) => p.lwps.length > 0).map((p) => [p.name, p.lwps[0].id]));
  const track = (e: TraceEvent): { pid: number; tid: number } => {
    const pid = e.process ? (pidOf.get(e.process) ?? cpuPid) : cpuPid;
    if (e.thread && e.process) return { pid, tid: tidOf.get(`${e.process}/${e.thread}`) ?? 0 };
    if (e.lwp !== null && e.process) return { pid, tid: LWP_TID + e.lwp };
    if (e.cpu !== null) return { pid: cpuPid, tid: e.cpu + 1 };
    const l = e.process ? firstLwp.get(e.process) : undefined;
    return { pid, tid: l !== undefined ? LWP_TID + l : 0 };
  };
  const events = result.events ?? [];
  let flow = 0;
  events.forEach((e) => {
    const from = e.cause !== undefined ? events[e.cause] : undefined;
    if (!from) return;
    const name = `${from.kind} → ${e.kind}`;
    flow++;
    ev.push({ name, cat: 'cause', ph: 's', id: flow, ts: from.t, bp: 'e', ...track(from) });
    ev.push({ name, cat: 'cause', ph: 'f', id: flow, ts: e.t, bp: 'e', ...track(e) });
  });
  return { traceEvents: ev, displayTimeUnit: 'ms' };
}

/** Writes the trace file (a UsageError when it cannot be written), one event a line. */
export function writeChromeTrace(outFile: string, result: RunResult): void {
  const { traceEvents, displayTimeUnit } = chromeTrace(result);
  function* chunks(): Generator<string> {
    yield `{"displayTimeUnit":${JSON.stringify(displayTimeUnit)},"traceEvents":[\n`;
    for (let k = 0; k < traceEvents.length; k++) yield `${k > 0 ? ',\n' : ''}${JSON.stringify(traceEvents[k])}`;
    yield '\n]}\n';
  }
  writeOutput(outFile, chunks());
}
