/**
 * The mapping at one instant: which user thread is on which LWP, which LWP's kernel thread is
 * on which CPU, and the state of each. Derived from the spans only, so any run (live or
 * embedded in a report) gives the same figure.
 */
import type { SpanState, Topology } from '../../../server/src/simulator/trace';
import { laneKey, spanAt, type Lane, type LaneGroup } from './lanes';

export interface Mapping {
  /** `process:thread` → LWP id the thread is on (running, switching in, or blocked in io). */
  threadLwp: Map<string, number>;
  /** `process:lwp` → CPU its kernel thread occupies (running or being switched to). */
  lwpCpu: Map<string, number>;
  /** `process:lwp` → its state at the instant (absent: not existing yet, or gone). */
  lwpState: Map<string, SpanState>;
  /** `process:lwp` → the priority its KLT runs at. */
  lwpPriority: Map<string, number>;
  /** `process:thread` → its state (absent: not created yet, or exited). */
  threadState: Map<string, SpanState>;
  /** CPU → what it does: the thread running, switch overhead, or idle (absent). */
  cpuState: Map<number, { state: SpanState; process?: string; lwp?: number; thread?: string }>;
}

/** `process:name` key used by the maps above. */
export function pkey(process: string, name: string | number): string {
  return `${process}:${name}`;
}

/** The mapping at instant t. */
export function mappingAt(groups: readonly LaneGroup[], topo: Topology, t: number): Mapping {
  const m: Mapping = {
    threadLwp: new Map(),
    lwpCpu: new Map(),
    lwpState: new Map(),
    lwpPriority: new Map(),
    threadState: new Map(),
    cpuState: new Map(),
  };
  const lanes = new Map<string, Lane>();
  for (const g of groups) for (const l of g.lanes) lanes.set(l.key, l);
  for (const p of topo.processes) {
    for (const l of p.lwps) {
      const s = spanAt(lanes.get(laneKey({ kind: 'lwp', process: p.name, lwp: l.id }))?.spans ?? [], t);
      if (!s) continue;
      m.lwpState.set(pkey(p.name, l.id), s.state);
      if (s.priority !== undefined) m.lwpPriority.set(pkey(p.name, l.id), s.priority);
      if (s.thread !== undefined) m.threadLwp.set(pkey(p.name, s.thread), l.id);
      if (s.cpu !== undefined && (s.state === 'running' || s.state === 'spinning'))
        m.lwpCpu.set(pkey(p.name, l.id), s.cpu);
    }
    for (const th of p.threads) {
      const s = spanAt(lanes.get(laneKey({ kind: 'thread', process: p.name, thread: th.name }))?.spans ?? [], t);
      if (!s) continue;
      m.threadState.set(pkey(p.name, th.name), s.state);
      if (s.lwp !== undefined && !m.threadLwp.has(pkey(p.name, th.name))) m.threadLwp.set(pkey(p.name, th.name), s.lwp);
    }
    // A bound thread keeps its LWP for life, whatever its state.
    for (const l of p.lwps) {
      if (l.bound !== null && m.threadState.has(pkey(p.name, l.bound))) m.threadLwp.set(pkey(p.name, l.bound), l.id);
    }
  }
  for (let c = 0; c < topo.cpus; c++) {
    const s = spanAt(lanes.get(laneKey({ kind: 'cpu', cpu: c }))?.spans ?? [], t);
    if (!s) continue;
    m.cpuState.set(c, { state: s.state, process: s.process, lwp: s.lwp, thread: s.thread });
    if (s.process !== undefined && s.lwp !== undefined) {
      m.lwpCpu.set(pkey(s.process, s.lwp), c);
      // The CPU lane is the authority on what runs: a thread shown on it is on that LWP.
      if (s.thread !== undefined && s.state !== 'overhead') m.threadLwp.set(pkey(s.process, s.thread), s.lwp);
    }
  }
  return m;
}
