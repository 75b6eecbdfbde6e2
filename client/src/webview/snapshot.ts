/**
 * The state of a run at one instant, as the step trace lists it and the wait-for graph draws it:
 * each thread's state and priority, who holds what, who waits for what, each process's run
 * queue and the kernel's ready queue, in the order the schedulers take them. Derived from the
 * recorded lanes only. Pure.
 */
import type { Span, SpanState } from '../../../server/src/simulator/trace';
import { laneKey, spanAt } from './lanes';
import { threadKey, type RunIndex, type ThreadInfo } from './run-index';
import { parseWait, type WaitTarget } from './waits';

export { parseWait, type WaitTarget } from './waits';

export interface ThreadAt {
  info: ThreadInfo;
  state: SpanState;
  /** Start of its current state. */
  since: number;
  lwp: number | null;
  wait: WaitTarget | null;
  /** Effective priority (its own unless lifted). */
  priority: number;
  lift: { kind: 'inherit' | 'ceiling'; from: string } | null;
}

export interface QueuedLwp {
  process: string;
  lwp: number;
  thread: string | null;
  priority: number;
}

export interface Snapshot {
  t: number;
  /** Threads that exist at t (created, not ended), in declaration order. */
  threads: ThreadAt[];
  /** `process\nmutex` → owner. */
  owners: Map<string, string>;
  /** Per process (topology order): runnable ULTs waiting for an LWP, in run-queue order. */
  runQueues: { process: string; threads: ThreadAt[] }[];
  /** KLTs waiting for a CPU, in the order the kernel takes them (priority policy; ready order otherwise). */
  kernelQueue: QueuedLwp[];
  /** What each CPU does: the KLT on it and its thread, or null when idle. */
  cpus: ({ state: SpanState; process: string; lwp: number; thread: string | null } | null)[];
}

function threadAt(index: RunIndex, info: ThreadInfo, t: number): ThreadAt | null {
  const s = spanAt(index.lanes.get(laneKey({ kind: 'thread', process: info.process, thread: info.name })) ?? [], t);
  if (s === null) return null;
  return {
    info,
    state: s.state,
    since: s.start,
    lwp: s.lwp ?? null,
    wait: s.state === 'blocked' || s.state === 'spinning' ? parseWait(s.reason) : null,
    priority: s.priority ?? info.base,
    lift: s.lift && s.from !== undefined ? { kind: s.lift, from: s.from } : null,
  };
}

/** Queue order: higher priority first; at one priority a preempted one goes first, else first come first. */
function queueKey(preempted: boolean, since: number): number {
  return preempted ? -since : since;
}

/** The state of the run at instant t. */
export function snapshotAt(index: RunIndex, t: number): Snapshot {
  const threads: ThreadAt[] = [];
  for (const info of index.threads.values()) {
    const at = threadAt(index, info, t);
    if (at !== null) threads.push(at);
  }
  const owners = new Map<string, string>();
  const runQueues: Snapshot['runQueues'] = [];
  const kq: (QueuedLwp & { key: number; head: boolean })[] = [];
  for (const p of index.topology.processes) {
    for (const m of p.mutexes) {
      const s = spanAt(index.lanes.get(laneKey({ kind: 'mutex', process: p.name, mutex: m })) ?? [], t);
      if (s?.owner !== undefined) owners.set(`${p.name}\n${m}`, s.owner);
    }
    for (const l of p.lwps) {
      const s: Span | null = spanAt(index.lanes.get(laneKey({ kind: 'lwp', process: p.name, lwp: l.id })) ?? [], t);
      if (s?.state !== 'ready') continue;
      const head = index.preempted.has(`${p.name}\nLWP ${l.id}@${s.start}`);
      kq.push({
        process: p.name,
        lwp: l.id,
        thread: s.thread ?? null,
        priority: s.priority ?? p.priority ?? 0,
        key: queueKey(head, s.start),
        head,
      });
    }
  }
  const byPriority = index.topology.policy === undefined || index.topology.policy === 'priority';
  kq.sort((a, b) => (byPriority ? b.priority - a.priority : 0) || a.key - b.key);
  for (const p of index.topology.processes) {
    const waiting = threads.filter((x) => x.info.process === p.name && x.state === 'ready' && x.lwp === null);
    const key = (x: ThreadAt): number =>
      queueKey(index.preempted.has(`${threadKey(x.info.process, x.info.name)}@${x.since}`), x.since);
    waiting.sort((a, b) => b.priority - a.priority || key(a) - key(b) || a.info.index - b.info.index);
    if (p.model !== 'one_to_one') runQueues.push({ process: p.name, threads: waiting });
  }
  const cpus: Snapshot['cpus'] = [];
  for (let c = 0; c < index.topology.cpus; c++) {
    const s = spanAt(index.lanes.get(laneKey({ kind: 'cpu', cpu: c })) ?? [], t);
    cpus.push(
      s && s.process !== undefined && s.lwp !== undefined
        ? { state: s.state, process: s.process, lwp: s.lwp, thread: s.thread ?? null }
        : null,
    );
  }
  return {
    t,
    threads,
    owners,
    runQueues,
    kernelQueue: kq.map(({ key: _k, head: _h, ...q }) => q),
    cpus,
  };
}
