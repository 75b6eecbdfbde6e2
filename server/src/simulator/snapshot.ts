/**
 * Snapshots of a simulation at a step boundary (between two events, or between two statements
 * of a thread), and their restoration: the run then continues exactly as it did from there.
 *
 * The entities (threads, LWPs, CPUs, processes, sync objects) stay the same objects for the whole
 * run, so a snapshot is a compact copy of their mutable fields (one object literal per entity,
 * all of one shape), with references kept as they are (they point at the same entities) and the
 * arrays they own copied. Restoring refills the live arrays rather than allocating new ones. The
 * recording is append-only: a mark of its lengths. LWPs created after a snapshot are dropped
 * when it is restored (their objects are kept for the run, see pool.ts).
 */
import type { World } from './world';
import type { CpuRt, LwpRt, MutexRt, ProcRt, ThreadRt } from './entities';
import type { TimedEvent } from './heap';
import type { RecorderMark } from './recorder';
import { recount } from './wait-queue';
import { copyOf, loadLwp, loadThread, refill, saveLwp, saveThread } from './snapshot-entities';

/** The world's arrays of references, copied as they are. */
const LISTS = [
  'contended',
  'diags',
  'kArrivals',
  'uArrivals',
  'kSignals',
  'uSignals',
  'idleBegins',
  'freedPool',
] as const;

/** An opaque snapshot; only the simulation it was taken of can restore it. */
export interface Snapshot {
  readonly world: ReturnType<typeof saveScalars>;
  readonly counters: World['counters'];
  readonly tail: World['tail'];
  readonly rng: number;
  readonly events: TimedEvent[];
  readonly steps: number[];
  readonly kq: LwpRt[];
  readonly lists: unknown[][];
  readonly overflows: World['overflows'];
  readonly inversions: unknown;
  readonly threads: ReturnType<typeof saveThread>[];
  readonly lwps: ReturnType<typeof saveLwp>[];
  readonly cpus: { cpu: ReturnType<typeof saveCpu>; ck: CpuRt['ck'] }[];
  readonly procs: { fields: ReturnType<typeof saveProc>; runq: ThreadRt[] }[];
  readonly mutexes: { owner: MutexRt['owner']; contended: boolean; waiters: readonly ThreadRt[] }[][];
  readonly condWaiters: (readonly ThreadRt[])[][];
  readonly sems: { count: number; waiters: readonly ThreadRt[] }[][];
  readonly rec: RecorderMark | null;
}

function saveCpu(x: CpuRt) {
  return {
    lwp: x.lwp,
    lastProc: x.lastProc,
    everRan: x.everRan,
    ipiPending: x.ipiPending,
    state: x.state,
    since: x.since,
    busy: x.busy,
    overhead: x.overhead,
    idle: x.idle,
    ckEpoch: x.ckEpoch,
  };
}

function loadCpu(x: CpuRt, s: ReturnType<typeof saveCpu>): void {
  x.lwp = s.lwp;
  x.lastProc = s.lastProc;
  x.everRan = s.everRan;
  x.ipiPending = s.ipiPending;
  x.state = s.state;
  x.since = s.since;
  x.busy = s.busy;
  x.overhead = s.overhead;
  x.idle = s.idle;
  x.ckEpoch = s.ckEpoch;
}

function saveProc(x: ProcRt) {
  return {
    nextLwpId: x.nextLwpId,
    lwpsComing: x.lwpsComing,
    concurrency: x.concurrency,
    killed: x.killed,
    pendingCorruption: x.pendingCorruption,
    stallSince: x.stallSince,
    stallTicks: x.stallTicks,
    stallFirst: x.stallFirst,
    stallThread: x.stallThread,
    reaperScheduled: x.reaperScheduled,
    parked: copyOf(x.parked),
    deathRow: copyOf(x.deathRow),
    creations: copyOf(x.creations),
    lwps: copyOf(x.lwps),
  };
}

function loadProc(x: ProcRt, s: ReturnType<typeof saveProc>): void {
  x.nextLwpId = s.nextLwpId;
  x.lwpsComing = s.lwpsComing;
  x.concurrency = s.concurrency;
  x.killed = s.killed;
  x.pendingCorruption = s.pendingCorruption;
  x.stallSince = s.stallSince;
  x.stallTicks = s.stallTicks;
  x.stallFirst = s.stallFirst;
  x.stallThread = s.stallThread;
  x.reaperScheduled = s.reaperScheduled;
  x.parked = refill(x.parked, s.parked);
  x.deathRow = refill(x.deathRow, s.deathRow);
  x.creations = refill(x.creations, s.creations);
  x.lwps = refill(x.lwps, s.lwps);
}

function saveScalars(x: World) {
  return {
    now: x.now,
    done: x.done,
    eventCount: x.eventCount,
    outcome: x.outcome,
    lastEventTime: x.lastEventTime,
    seq: x.seq,
    progressPending: x.progressPending,
    causeCpu: x.causeCpu,
    headCounter: x.headCounter,
    rqCounter: x.rqCounter,
    idleCpus: x.idleCpus,
    deadlockFound: x.deadlockFound,
    faultFound: x.faultFound,
    liveThreads: x.liveThreads,
    endTime: x.endTime,
    arriving: x.arriving,
    holdCpus: x.holdCpus,
    epoch: x.epoch,
    tailDirty: x.tailDirty,
    stepping: x.stepping,
    inInstant: x.inInstant,
    sliceEnd: x.sliceEnd,
    units: x.units,
    unitEnd: x.unitEnd,
    paused: x.paused,
    budgetHit: x.budgetHit,
    budgetThread: x.budgetThread,
  };
}

function loadScalars(x: World, s: ReturnType<typeof saveScalars>): void {
  x.now = s.now;
  x.done = s.done;
  x.eventCount = s.eventCount;
  x.outcome = s.outcome;
  x.lastEventTime = s.lastEventTime;
  x.seq = s.seq;
  x.progressPending = s.progressPending;
  x.causeCpu = s.causeCpu;
  x.headCounter = s.headCounter;
  x.rqCounter = s.rqCounter;
  x.idleCpus = s.idleCpus;
  x.deadlockFound = s.deadlockFound;
  x.faultFound = s.faultFound;
  x.liveThreads = s.liveThreads;
  x.endTime = s.endTime;
  x.arriving = s.arriving;
  x.holdCpus = s.holdCpus;
  x.epoch = s.epoch;
  x.tailDirty = s.tailDirty;
  x.stepping = s.stepping;
  x.inInstant = s.inInstant;
  x.sliceEnd = s.sliceEnd;
  x.units = s.units;
  x.unitEnd = s.unitEnd;
  x.paused = s.paused;
  x.budgetHit = s.budgetHit;
  x.budgetThread = s.budgetThread;
}

/** Takes a snapshot of the world as it stands. */
export function takeSnapshot(w: World): Snapshot {
  return {
    world: saveScalars(w),
    counters: { ...w.counters },
    tail: { ...w.tail },
    rng: w.rng.seedState,
    events: w.heap.copies(),
    steps: w.steps.values(),
    kq: [...w.kq.items],
    lists: LISTS.map((k) => copyOf(w[k] as unknown[]) as unknown[]),
    overflows: w.overflows.map((o) => ({ ...o })),
    inversions: w.inversions.save(),
    threads: w.threads.map(saveThread),
    lwps: w.lwps.map(saveLwp),
    cpus: w.cpus.map((c) => ({ cpu: saveCpu(c), ck: { ...c.ck } })),
    procs: w.procs.map((p) => ({ fields: saveProc(p), runq: [...p.runq.items] })),
    mutexes: w.procs.map((p) =>
      p.mutexes.map((m) => ({ owner: m.owner, contended: m.contended, waiters: copyOf(m.waiters) })),
    ),
    condWaiters: w.procs.map((p) => p.conds.map((c) => copyOf(c.waiters))),
    sems: w.procs.map((p) => p.sems.map((s) => ({ count: s.count, waiters: copyOf(s.waiters) }))),
    rec: w.rec?.mark() ?? null,
  };
}

/** Returns the world to a snapshot taken of it earlier. */
export function restoreSnapshot(w: World, s: Snapshot): void {
  loadScalars(w, s.world);
  Object.assign(w.counters, s.counters);
  Object.assign(w.tail, s.tail);
  w.rng.seedState = s.rng;
  w.heap.reset(s.events);
  w.steps.reset(s.steps);
  LISTS.forEach((k, i) => refill(w[k] as unknown[], s.lists[i]));
  w.overflows.length = 0;
  for (const o of s.overflows) w.overflows.push({ ...o });
  w.inversions.load(s.inversions);
  // LWPs created after the snapshot never existed.
  w.lwps.length = s.lwps.length;
  for (let i = 0; i < s.threads.length; i++) loadThread(w.threads[i], s.threads[i]);
  for (let i = 0; i < s.lwps.length; i++) loadLwp(w.lwps[i], s.lwps[i]);
  for (let i = 0; i < s.cpus.length; i++) {
    const c = w.cpus[i];
    loadCpu(c, s.cpus[i].cpu);
    Object.assign(c.ck, s.cpus[i].ck);
  }
  for (let i = 0; i < s.procs.length; i++) {
    const p = w.procs[i];
    loadProc(p, s.procs[i].fields);
    p.runq.clear();
    for (const t of s.procs[i].runq) p.runq.push(t);
    const ms = s.mutexes[i];
    for (let k = 0; k < ms.length; k++) {
      const m = p.mutexes[k];
      m.owner = ms[k].owner;
      m.contended = ms[k].contended;
      refill(m.waiters, ms[k].waiters);
      recount(m);
      m.spinners = 0;
      for (const t of m.waiters) if (t.spinning && t.waitMutex === m) m.spinners++;
    }
    const cs = s.condWaiters[i];
    for (let k = 0; k < cs.length; k++) {
      refill(p.conds[k].waiters, cs[k]);
      recount(p.conds[k]);
    }
    const ss = s.sems[i];
    for (let k = 0; k < ss.length; k++) {
      p.sems[k].count = ss[k].count;
      refill(p.sems[k].waiters, ss[k].waiters);
      recount(p.sems[k]);
    }
  }
  w.kq.clear();
  for (const l of s.kq) w.kq.push(l);
  if (w.rec !== null && s.rec !== null) w.rec.rewind(s.rec);
}
