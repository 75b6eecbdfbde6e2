/**
 * The snapshot of a thread's and an LWP's mutable fields, and their restoration (snapshot.ts
 * takes and restores the rest): one object literal per entity, references kept as they are,
 * owned arrays copied, live arrays refilled rather than allocated.
 */
import type { LwpRt, ThreadRt } from './entities';

const EMPTY: readonly never[] = Object.freeze([]);

/** A copy of an array (the shared empty one when it is empty: nothing is pushed to a copy). */
export function copyOf<T>(a: readonly T[]): readonly T[] {
  return a.length === 0 ? (EMPTY as readonly T[]) : a.slice();
}

/** The live array `into`, holding the saved items again (a new one when `into` is absent). */
export function refill<T>(into: T[] | null, items: readonly T[]): T[] {
  if (into === null) return items.slice();
  const n = items.length;
  if (n === 0 && into.length === 0) return into;
  for (let i = 0; i < n; i++) into[i] = items[i];
  if (into.length !== n) into.length = n;
  return into;
}

export function saveThread(x: ThreadRt) {
  return {
    created: x.created,
    pendingCreate: x.pendingCreate,
    end: x.end,
    cur: x.cur,
    rem: x.rem,
    effPrio: x.effPrio,
    peakPrio: x.peakPrio,
    block: x.block,
    waitMutex: x.waitMutex,
    waitCond: x.waitCond,
    waitSem: x.waitSem,
    spinning: x.spinning,
    lwp: x.lwp,
    rqKey: x.rqKey,
    inStep: x.inStep,
    corruptedBy: x.corruptedBy,
    creationIndex: x.creationIndex,
    readyCause: x.readyCause,
    deadlocked: x.deadlocked,
    mstate: x.mstate,
    since: x.since,
    cpuTime: x.cpuTime,
    readyTime: x.readyTime,
    blockedTime: x.blockedTime,
    spinTime: x.spinTime,
    arrival: x.arrival,
    firstRun: x.firstRun,
    finish: x.finish,
    waitSince: x.waitSince,
    waitRange: x.waitRange,
    readySince: x.readySince,
    longestReady: x.longestReady,
    longestReadyStart: x.longestReadyStart,
    spanLane: x.spanLane,
    atStmt: x.atStmt,
    heapIndex: x.heapIndex,
    body: x.body,
    pc: x.pc,
    left: x.left,
    held: copyOf(x.held),
    joiners: copyOf(x.joiners),
    outer: copyOf(x.outer),
    spawnQueue: x.spawnQueue === null ? null : copyOf(x.spawnQueue),
    waitJoin: x.waitJoin === null ? null : copyOf(x.waitJoin),
  };
}

export function loadThread(x: ThreadRt, s: ReturnType<typeof saveThread>): void {
  x.created = s.created;
  x.pendingCreate = s.pendingCreate;
  x.end = s.end;
  x.cur = s.cur;
  x.rem = s.rem;
  x.effPrio = s.effPrio;
  x.peakPrio = s.peakPrio;
  x.block = s.block;
  x.waitMutex = s.waitMutex;
  x.waitCond = s.waitCond;
  x.waitSem = s.waitSem;
  x.spinning = s.spinning;
  x.lwp = s.lwp;
  x.rqKey = s.rqKey;
  x.inStep = s.inStep;
  x.corruptedBy = s.corruptedBy;
  x.creationIndex = s.creationIndex;
  x.readyCause = s.readyCause;
  x.deadlocked = s.deadlocked;
  x.mstate = s.mstate;
  x.since = s.since;
  x.cpuTime = s.cpuTime;
  x.readyTime = s.readyTime;
  x.blockedTime = s.blockedTime;
  x.spinTime = s.spinTime;
  x.arrival = s.arrival;
  x.firstRun = s.firstRun;
  x.finish = s.finish;
  x.waitSince = s.waitSince;
  x.waitRange = s.waitRange;
  x.readySince = s.readySince;
  x.longestReady = s.longestReady;
  x.longestReadyStart = s.longestReadyStart;
  x.spanLane = s.spanLane;
  x.atStmt = s.atStmt;
  x.heapIndex = s.heapIndex;
  x.body = s.body;
  x.pc = s.pc;
  x.left = s.left;
  x.held = refill(x.held, s.held);
  x.joiners = refill(x.joiners, s.joiners);
  x.outer = refill(x.outer, s.outer);
  x.spawnQueue = s.spawnQueue === null ? null : refill(x.spawnQueue, s.spawnQueue);
  x.waitJoin = s.waitJoin === null ? null : refill(x.waitJoin, s.waitJoin);
}

export function saveLwp(x: LwpRt) {
  return {
    heapIndex: x.heapIndex,
    kp: x.kp,
    k1: x.k1,
    ord: x.ord,
    gid: x.gid,
    sjfKey: x.sjfKey,
    thread: x.thread,
    state: x.state,
    phase: x.phase,
    cpu: x.cpu,
    gen: x.gen,
    preempt: x.preempt,
    ultPreempt: x.ultPreempt,
    qExpired: x.qExpired,
    qLeft: x.qLeft,
    sliceStart: x.sliceStart,
    pin: x.pin,
    lastCpu: x.lastCpu,
    proc: x.proc,
    bound: x.bound,
    lastUlt: x.lastUlt,
    ultIpiPending: x.ultIpiPending,
    readyCause: x.readyCause,
    id: x.id,
    parkedSince: x.parkedSince,
    spanLane: x.spanLane,
  };
}

export function loadLwp(x: LwpRt, s: ReturnType<typeof saveLwp>): void {
  x.heapIndex = s.heapIndex;
  x.kp = s.kp;
  x.k1 = s.k1;
  x.ord = s.ord;
  x.gid = s.gid;
  x.sjfKey = s.sjfKey;
  x.thread = s.thread;
  x.state = s.state;
  x.phase = s.phase;
  x.cpu = s.cpu;
  x.gen = s.gen;
  x.preempt = s.preempt;
  x.ultPreempt = s.ultPreempt;
  x.qExpired = s.qExpired;
  x.qLeft = s.qLeft;
  x.sliceStart = s.sliceStart;
  x.pin = s.pin;
  x.lastCpu = s.lastCpu;
  x.proc = s.proc;
  x.bound = s.bound;
  x.lastUlt = s.lastUlt;
  x.ultIpiPending = s.ultIpiPending;
  x.readyCause = s.readyCause;
  x.id = s.id;
  x.parkedSince = s.parkedSince;
  x.spanLane = s.spanLane;
}
