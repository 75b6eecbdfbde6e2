/** Builds the runtime world from the Model: processes, threads, sync objects, CPUs, initial LWPs. */
import type { World } from './world';
import type { CpuRt, MutexRt, ProcRt, ThreadRt } from './entities';
import type { Model, ProcessModel, ThreadSpec } from '../language/model';
import { IndexedHeap } from './heap';
import { normalizeBody } from './program';
import { EV } from './event-kinds';
import { scheduleAging } from './library';
import { growPool, newLwp } from './pool';
import { emptyQueue } from './wait-queue';

function runqLess(a: ThreadRt, b: ThreadRt): boolean {
  if (a.effPrio !== b.effPrio) return a.effPrio > b.effPrio;
  if (a.rqKey !== b.rqKey) return a.rqKey < b.rqKey;
  return a.ord < b.ord;
}

function newThread(w: World, proc: ProcRt, spec: ThreadSpec): ThreadRt {
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
    body: normalizeBody(spec.body, w.stmtCache),
    pc: 0,
    left: 0,
    outer: [],
    atStmt: null,
    corruptedBy: null,
    spawnQueue: null,
    inStep: false,
    ord: w.threads.length,
    id: w.threads.length,
    heapIndex: -1,
    proc,
    bound: spec.bound || proc.spec.model === 'one_to_one',
    effPrio: spec.priority,
    peakPrio: spec.priority,
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
    readyCause: -1,
    joiners: [],
    deadlocked: false,
    arrival: null,
    finish: null,
    spanLane: w.rec ? w.rec.addLane({ kind: 'thread', process: proc.spec.name, thread: spec.name }) : -1,
  };
}

function newProcess(w: World, spec: ProcessModel): ProcRt {
  const proc: ProcRt = {
    spec,
    index: spec.index,
    threads: [],
    mutexes: [],
    conds: spec.condvars.map((c) => ({ spec: c, ...emptyQueue() })),
    sems: spec.semaphores.map((s) => ({ spec: s, count: s.initial, ...emptyQueue() })),
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
    ...emptyQueue(),
    spinners: 0,
    name: m.name,
    spanLane: w.rec ? w.rec.addLane({ kind: 'mutex', process: spec.name, mutex: m.name }) : -1,
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
export function buildWorld(w: World): void {
  const m = w.model;
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
      ck: { state: 'idle', since: 0, busy: 0, overhead: 0, idle: 0 },
      ckEpoch: -1,
      // A CPU's lane is derived from the LWPs' (derive-spans.ts): nothing is recorded for it.
      spanLane: -1,
    };
    w.cpus.push(cpu);
  }
  w.idleCpus = m.cpus;
  for (const pm of m.processes) {
    const proc = newProcess(w, pm);
    w.procs.push(proc);
    for (const ts of pm.threads) {
      const th = newThread(w, proc, ts);
      w.threads.push(th);
      proc.threads.push(th);
    }
  }
  for (const th of w.threads) {
    if (!th.spec.deferred) w.at(th.spec.at, 2, th.ord, EV.create, th.id, 0);
  }
  for (const proc of w.procs) {
    const pm = proc.spec;
    if (pm.model === 'one_to_one') continue;
    // The initial pool exists, parked, from the start; concurrency beyond it arrives later.
    const initial = pm.model === 'many_to_one' ? 1 : Math.max(1, pm.lwps);
    for (let k = 0; k < initial; k++) {
      const l = newLwp(w, proc, null);
      l.state = 'parked';
      w.count('lwpsCreated');
      proc.parked.push(l);
      scheduleAging(w, l);
    }
    // Unparking takes the last parked LWP first: LWP 1 first at the start.
    proc.parked.reverse();
    if (pm.model === 'many_to_many') growPool(w, proc);
  }
}
