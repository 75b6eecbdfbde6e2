/** Builds the runtime world from the Model: processes, threads, sync objects, CPUs, initial LWPs. */
import type { Engine } from './engine';
import type { CpuRt, LwpRt, MutexRt, ProcRt, ThreadRt } from './entities';
import type { Model, ProcessModel, ThreadSpec } from '../language/model';
import { IndexedHeap } from './heap';
import { normalizeBody } from './program';
import { EV } from './events';
import { growPool, scheduleAging } from './library';

/** Declaration-order key: processes, then their threads, then their pool LWPs. */
export function ordOf(proc: number, k: number): number {
  return proc * 1048576 + k;
}

function runqLess(a: ThreadRt, b: ThreadRt): boolean {
  if (a.effPrio !== b.effPrio) return a.effPrio > b.effPrio;
  if (a.rqKey !== b.rqKey) return a.rqKey < b.rqKey;
  return a.ord < b.ord;
}

function newThread(e: Engine, proc: ProcRt, spec: ThreadSpec): ThreadRt {
  return {
    // Fields read on every statement or event first: they share the first cache lines.
    end: null,
    created: false,
    lwp: null,
    block: null,
    spinning: false,
    mstate: 'not-started',
    since: 0,
    readySince: 0,
    readyTime: 0,
    longestReady: 0,
    cpuTime: 0,
    blockedTime: 0,
    cur: null,
    rem: 0,
    body: normalizeBody(spec.body, e.stmtCache),
    pc: 0,
    left: 0,
    outer: [],
    atStmt: null,
    corruptedBy: null,
    spawnQueue: null,
    inStep: false,
    ord: e.threads.length,
    id: e.threads.length,
    heapIndex: -1,
    proc,
    bound: spec.bound || proc.spec.model === 'one_to_one',
    effPrio: spec.priority,
    waitMutex: null,
    held: [],
    spinTime: 0,
    longestReadyStart: 0,
    waitSince: 0,
    waitRange: null,
    firstRun: null,
    spec,
    name: spec.name,
    pendingCreate: false,
    basePrio: spec.priority,
    waitCond: null,
    waitSem: null,
    waitJoin: null,
    rqKey: 0,
    creationIndex: -1,
    joiners: [],
    deadlocked: false,
    arrival: null,
    finish: null,
    spanLane: e.rec ? e.rec.addLane({ kind: 'thread', process: proc.spec.name, thread: spec.name }) : -1,
  };
}

/** A new LWP (in state `creating`); bound to a thread or part of the pool. */
export function newLwp(e: Engine, proc: ProcRt, bound: ThreadRt | null): LwpRt {
  const id = ++proc.nextLwpId;
  const l: LwpRt = {
    // The ready queue's keys first (a heap operation reads them from a dozen LWPs), then the
    // fields read on every statement or event: they share the first cache lines.
    heapIndex: -1,
    kp: bound ? bound.effPrio : proc.spec.priority,
    k1: 0,
    ord: bound ? bound.ord : ordOf(proc.index, 524288 + id),
    gid: e.lwps.length,
    sjfKey: 0,
    thread: bound,
    state: 'creating',
    phase: 'none',
    cpu: null,
    gen: 0,
    preempt: false,
    ultPreempt: false,
    qExpired: false,
    qLeft: 0,
    sliceStart: 0,
    pin: bound && bound.spec.pin !== null ? bound.spec.pin : -1,
    lastCpu: -1,
    proc,
    bound,
    lastUlt: bound,
    ultIpiPending: false,
    id,
    parkedSince: 0,
    spanLane: e.rec ? e.rec.addLane({ kind: 'lwp', process: proc.spec.name, lwp: id }) : -1,
  };
  e.lwps.push(l);
  proc.lwps.push(l);
  if (bound) bound.lwp = l;
  return l;
}

function newProcess(e: Engine, spec: ProcessModel): ProcRt {
  const proc: ProcRt = {
    spec,
    index: spec.index,
    threads: [],
    mutexes: [],
    conds: spec.condvars.map((c) => ({ spec: c, waiters: [] })),
    sems: spec.semaphores.map((s) => ({ spec: s, count: s.initial, waiters: [] })),
    lwps: [],
    nextLwpId: 0,
    runq: new IndexedHeap<ThreadRt>(runqLess),
    parked: [],
    lwpsComing: 0,
    concurrency: spec.concurrency,
    deathRow: [],
    killed: false,
    creations: [],
    pendingCorruption: null,
    stallSince: -1,
    stallTicks: 0,
    stallFirst: -1,
    stallThread: null,
    reaperScheduled: false,
  };
  proc.mutexes = spec.mutexes.map((m): MutexRt => ({
    spec: m,
    proc,
    owner: null,
    waiters: [],
    name: m.name,
    spanLane: e.rec ? e.rec.addLane({ kind: 'mutex', process: spec.name, mutex: m.name }) : -1,
    contended: false,
  }));
  return proc;
}

/** True when priorities differ anywhere (threads, processes, or a ceiling mutex), so one can outrank another. */
export function prioritiesDiffer(m: Model): boolean {
  const prios = new Set<number>();
  for (const pm of m.processes) {
    for (const ts of pm.threads) prios.add(ts.priority);
    for (const mx of pm.mutexes) if (mx.protocol === 'ceiling') prios.add(-1);
    prios.add(pm.priority);
  }
  return prios.size > 1;
}

/** Fills the engine from its model; creations and initial LWPs become events at their instants. */
export function buildWorld(e: Engine): void {
  const m = e.model;
  for (let c = 0; c < m.cpus; c++) {
    const cpu: CpuRt = {
      id: c,
      lwp: null,
      lastProc: null,
      everRan: false,
      ipiPending: false,
      state: 'idle',
      since: 0,
      busy: 0,
      overhead: 0,
      idle: 0,
      spanLane: e.rec ? e.rec.addLane({ kind: 'cpu', cpu: c }) : -1,
    };
    e.cpus.push(cpu);
  }
  e.idleCpus = m.cpus;
  for (const pm of m.processes) {
    const proc = newProcess(e, pm);
    e.procs.push(proc);
    for (const ts of pm.threads) {
      const th = newThread(e, proc, ts);
      e.threads.push(th);
      proc.threads.push(th);
    }
  }
  for (const th of e.threads) {
    if (!th.spec.deferred) e.at(th.spec.at, 2, th.ord, EV.create, th.id, 0);
  }
  for (const proc of e.procs) {
    const pm = proc.spec;
    if (pm.model === 'one_to_one') continue;
    // The initial pool exists, parked, from the start; concurrency beyond it arrives later.
    const initial = pm.model === 'many_to_one' ? 1 : Math.max(1, pm.lwps);
    for (let k = 0; k < initial; k++) {
      const l = newLwp(e, proc, null);
      l.state = 'parked';
      e.counters.lwpsCreated++;
      proc.parked.push(l);
      scheduleAging(e, l);
    }
    // Unparking takes the last parked LWP first: LWP 1 first at the start.
    proc.parked.reverse();
    if (pm.model === 'many_to_many') growPool(e, proc);
  }
}
