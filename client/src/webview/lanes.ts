/**
 * From a RunResult to the timeline's lanes: one per CPU, then per process its LWPs, threads and
 * mutexes, each with its spans sorted by start and the markers that belong on it. Pure data:
 * the renderer only draws what this returns.
 */
import { finalTails } from './final-states';
import type {
  EventKind,
  InversionInterval,
  LaneRef,
  RunResult,
  Span,
  Topology,
  TraceEvent,
} from '../../../server/src/simulator/trace';

export type LaneKind = LaneRef['kind'];

export interface Lane {
  /** Stable key (survives re-runs, so hover and focus can follow a lane). */
  key: string;
  kind: LaneKind;
  /** Text of the label column. */
  label: string;
  /** The process the lane belongs to, or null for CPUs. */
  process: string | null;
  /** Small text beside the label: a thread's priority, an LWP's binding. */
  note: string;
  spans: Span[];
  markers: Marker[];
  /** Inversion intervals drawn on this lane (the waiting thread's and the mutex's). */
  inversions: InversionInterval[];
}

/** Kinds of event drawn as a marker on a lane. */
export const MARKER_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'upcall',
  'signal',
  'ipi',
  'lwp_create',
  'lwp_reclaim',
  'reuse',
  'reap',
  'fault',
  'deadlock',
  'kill',
]);

export interface Marker {
  t: number;
  kind: EventKind;
  event: TraceEvent;
}

/** One group of lanes under a heading (CPUs, or one process). */
export interface LaneGroup {
  title: string;
  /** The threading model of a process group; empty for CPUs. */
  note: string;
  lanes: Lane[];
}

/** Stable key of a lane reference. */
export function laneKey(ref: LaneRef): string {
  switch (ref.kind) {
    case 'cpu':
      return `cpu:${ref.cpu}`;
    case 'lwp':
      return `lwp:${ref.process}:${ref.lwp}`;
    case 'thread':
      return `thread:${ref.process}:${ref.thread}`;
    case 'mutex':
      return `mutex:${ref.process}:${ref.mutex}`;
  }
}

/** The topology of the run, or one reconstructed from its metrics and spans when absent. */
export function topologyOf(result: RunResult): Topology {
  if (result.topology) return result.topology;
  const byName = new Map<string, Topology['processes'][number]>();
  const proc = (name: string): Topology['processes'][number] => {
    let p = byName.get(name);
    if (!p) {
      p = { name, model: '', threads: [], lwps: [], mutexes: [] };
      byName.set(name, p);
    }
    return p;
  };
  for (const t of result.threads) proc(t.process).threads.push({ name: t.name, priority: t.priority, bound: t.bound });
  for (const s of result.spans ?? []) {
    if (s.lane.kind === 'lwp') {
      const lwp = s.lane.lwp;
      const p = proc(s.lane.process);
      if (!p.lwps.some((l) => l.id === lwp)) p.lwps.push({ id: lwp, bound: null });
    } else if (s.lane.kind === 'mutex') {
      const m = s.lane.mutex;
      const p = proc(s.lane.process);
      if (!p.mutexes.includes(m)) p.mutexes.push(m);
    }
  }
  for (const p of byName.values()) p.lwps.sort((a, b) => a.id - b.id);
  return { cpus: result.cpus.length, processes: [...byName.values()] };
}

/** Where a marker goes: its thread's lane, else its LWP's, else the process's first LWP, else its CPU. */
export function markerLane(e: TraceEvent, topo: Topology): string | null {
  if (e.process !== null && e.thread !== null) return laneKey({ kind: 'thread', process: e.process, thread: e.thread });
  if (e.process !== null && e.lwp !== null) return laneKey({ kind: 'lwp', process: e.process, lwp: e.lwp });
  if (e.process !== null) {
    const first = firstLwps(topo).get(e.process);
    if (first !== undefined) return first;
  }
  if (e.cpu !== null) return laneKey({ kind: 'cpu', cpu: e.cpu });
  return null;
}

const firstLwpOf = new WeakMap<Topology, Map<string, string>>();

/** Each process's first LWP lane key, per topology (remembered). */
function firstLwps(topo: Topology): Map<string, string> {
  let m = firstLwpOf.get(topo);
  if (!m) {
    m = new Map();
    for (const p of topo.processes)
      if (p.lwps.length > 0) m.set(p.name, laneKey({ kind: 'lwp', process: p.name, lwp: p.lwps[0].id }));
    firstLwpOf.set(topo, m);
  }
  return m;
}

/** Groups of lanes for a run: CPUs first, then each process in declaration order. */
export function buildLanes(result: RunResult): LaneGroup[] {
  const topo = topologyOf(result);
  const byKey = new Map<string, Lane>();
  const make = (ref: LaneRef, label: string, process: string | null, note: string): Lane => {
    const lane: Lane = {
      key: laneKey(ref),
      kind: ref.kind,
      label,
      process,
      note,
      spans: [],
      markers: [],
      inversions: [],
    };
    byKey.set(lane.key, lane);
    return lane;
  };
  const groups: LaneGroup[] = [];
  const cpuLanes: Lane[] = [];
  for (let c = 0; c < topo.cpus; c++) cpuLanes.push(make({ kind: 'cpu', cpu: c }, `CPU ${c}`, null, ''));
  groups.push({ title: 'CPUs', note: '', lanes: cpuLanes });
  for (const p of topo.processes) {
    const lanes: Lane[] = [];
    const own = new Map(p.threads.map((t) => [t.name, t.priority]));
    for (const l of p.lwps) {
      // The priority its KLT runs at: its bound thread's own, or the process's for the pool.
      const kp = l.bound ? own.get(l.bound) : p.priority;
      const note = `${l.bound ? `bound ${l.bound}` : 'pool'}${kp !== undefined ? ` · KLT ${kp}` : ''}`;
      lanes.push(make({ kind: 'lwp', process: p.name, lwp: l.id }, `LWP ${l.id}`, p.name, note));
    }
    for (const t of p.threads) {
      const note = `pri ${t.priority}${t.bound ? ', bound' : ''}`;
      lanes.push(make({ kind: 'thread', process: p.name, thread: t.name }, t.name, p.name, note));
    }
    for (const m of p.mutexes) lanes.push(make({ kind: 'mutex', process: p.name, mutex: m }, m, p.name, 'mutex'));
    groups.push({ title: p.name, note: p.model.replace(/_/g, '-'), lanes });
  }
  for (const s of [...(result.spans ?? []), ...finalTails(result)]) {
    const key = laneKey(s.lane);
    let lane = byKey.get(key);
    if (!lane) {
      // A lane the topology did not list: show it rather than drop its spans.
      lane = make(s.lane, key.split(':').slice(2).join(':') || key, 'process' in s.lane ? s.lane.process : null, '');
      groups[groups.length - 1].lanes.push(lane);
    }
    lane.spans.push(s);
  }
  for (const e of result.events ?? []) {
    if (!MARKER_KINDS.has(e.kind)) continue;
    const key = markerLane(e, topo);
    const lane = key === null ? undefined : byKey.get(key);
    if (lane) lane.markers.push({ t: e.t, kind: e.kind, event: e });
  }
  for (const inv of result.inversions ?? []) {
    byKey.get(laneKey({ kind: 'thread', process: inv.process, thread: inv.high }))?.inversions.push(inv);
    byKey.get(laneKey({ kind: 'thread', process: inv.process, thread: inv.low }))?.inversions.push(inv);
    byKey.get(laneKey({ kind: 'mutex', process: inv.process, mutex: inv.mutex }))?.inversions.push(inv);
  }
  for (const lane of byKey.values()) {
    lane.spans.sort((a, b) => a.start - b.start || a.end - b.end);
    lane.markers.sort((a, b) => a.t - b.t);
  }
  return groups;
}

/** The span of a lane covering instant t ([start, end)), by binary search; null when none. */
export function spanAt(spans: readonly Span[], t: number): Span | null {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= t) lo = mid + 1;
    else hi = mid;
  }
  // Spans of one lane do not overlap, but a zero-length one may sit at the same start.
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) {
    if (spans[i].start <= t && t < spans[i].end) return spans[i];
  }
  return null;
}

/** The last instant anything is drawn at: the run's end, or the end of its final-state tails. */
export function drawnEnd(groups: readonly LaneGroup[], endTime: number): number {
  let end = endTime;
  for (const g of groups) for (const l of g.lanes) for (const s of l.spans) if (s.end > end) end = s.end;
  return end;
}

/** Distinct instants of the run's events, ascending (playback's "next/previous event"). */
export function eventMarks(result: RunResult): number[] {
  const set = new Set<number>();
  for (const e of result.events ?? []) set.add(e.t);
  if (set.size === 0) for (const s of result.spans ?? []) set.add(s.start).add(s.end);
  return [...set].sort((a, b) => a - b);
}

/** Instant of the first deadlock event or inversion interval, or of a deadlock diagnostic. */
export function firstProblem(result: RunResult): number | null {
  let first: number | null = null;
  const take = (t: number | null | undefined): void => {
    if (t !== null && t !== undefined && (first === null || t < first)) first = t;
  };
  for (const e of result.events ?? []) if (e.kind === 'deadlock') take(e.t);
  for (const inv of result.inversions ?? []) take(inv.start);
  for (const d of result.diagnostics) {
    if (d.code === 'deadlock' || d.code === 'priority-inversion' || d.code === 'hang') take(d.time);
  }
  return first;
}
