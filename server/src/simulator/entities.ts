/**
 * The engine's runtime objects, designed for the two-level model: processes with a thread
 * library (run queue, LWP pool), LWPs each backed by one KLT, KLTs scheduled on CPUs.
 * Under one_to_one every thread is bound to its own LWP. Everything is indexed by ids so the
 * engine allocates nothing per statement.
 */
import type {
  MutexModel,
  ProcessModel,
  SemaphoreModel,
  SourceRange,
  Stmt,
  SyncModel,
  ThreadSpec,
} from '../language/model';
import type { ThreadState } from './trace';
import type { HeapItem } from './heap';
import type { ProgramCounter } from './program';

/** Why a thread is blocked. */
export type BlockKind = 'io' | 'sleep' | 'mutex' | 'condvar' | 'semaphore' | 'join' | 'deadlock';

export interface ThreadRt extends HeapItem, ProgramCounter {
  /** Declaration order across the file (processes, then threads). */
  ord: number;
  /** Index in the engine's thread table. */
  id: number;
  spec: ThreadSpec;
  proc: ProcRt;
  name: string;
  bound: boolean;
  created: boolean;
  /** Creation decided (spawned, costs running) but not yet done. */
  pendingCreate: boolean;
  end: null | 'exited' | 'faulted' | 'killed';
  /** The statement in progress (timed, or being waited at). */
  cur: Stmt | null;
  /** Ticks left of the current compute, or of the current creation cost of a spawn. */
  rem: number;
  /** Targets of a spawn in progress. */
  spawnQueue: ThreadRt[] | null;
  basePrio: number;
  effPrio: number;
  /** The highest effective priority reached. */
  peakPrio: number;
  held: MutexRt[];
  block: BlockKind | null;
  waitMutex: MutexRt | null;
  waitCond: CondRt | null;
  waitSem: SemRt | null;
  waitJoin: ThreadRt[] | null;
  /** Busy-waiting for waitMutex on its CPU. */
  spinning: boolean;
  /** The LWP it runs on (its own when bound), null when unbound and not on an LWP. */
  lwp: LwpRt | null;
  /** Library run queue key: lower first among equal priorities. */
  rqKey: number;
  /** In the engine's can-step heap. */
  inStep: boolean;
  /** Stack corrupted by another thread's overflow (redzone off): faults at its next statement. */
  corruptedBy: ThreadRt | null;
  creationIndex: number;
  /** CPU of the thread whose step made it runnable (-1: a timer or a creation at `at`). */
  readyCause: number;
  /** Threads blocked in `join` on this one. */
  joiners: ThreadRt[];
  /** Caught in a deadlock cycle: stays blocked. */
  deadlocked: boolean;
  // metrics
  mstate: ThreadState;
  since: number;
  cpuTime: number;
  readyTime: number;
  blockedTime: number;
  spinTime: number;
  arrival: number | null;
  firstRun: number | null;
  finish: number | null;
  /** Start of the current wait (hang diagnostics), and its statement. */
  waitSince: number;
  waitRange: SourceRange | null;
  /** Longest continuous ready interval, for starvation. */
  readySince: number;
  longestReady: number;
  longestReadyStart: number;
  /** Lane index in the recorder, -1 when spans are not recorded. */
  spanLane: number;
  /** The statement executed last (event ranges). */
  atStmt: Stmt | null;
}

/**
 * `free`: a pool LWP without a ULT, off CPU, while the arrivals of an instant are gathered: once
 * they have all arrived it takes work or parks (docs/reference/language.md §5.5).
 */
export type LwpState = 'creating' | 'ready' | 'cpu' | 'blocked' | 'parked' | 'free' | 'gone';
/** What an LWP on a CPU is doing: switching to it, zero-time steps, a timed slice, spinning. */
export type CpuPhase = 'switch' | 'step' | 'timed' | 'spin' | 'none';

export interface LwpRt extends HeapItem {
  /** Per-process id, from 1 in creation order. */
  id: number;
  /** Index in the engine's LWP table. */
  gid: number;
  /** Declaration order key for ties. */
  ord: number;
  proc: ProcRt;
  bound: ThreadRt | null;
  thread: ThreadRt | null;
  state: LwpState;
  cpu: CpuRt | null;
  lastCpu: number;
  phase: CpuPhase;
  sliceStart: number;
  gen: number;
  /** Quantum ticks left (policies with a quantum). */
  qLeft: number;
  qExpired: boolean;
  /** A preemption decided at this instant takes effect at the next timed statement. */
  preempt: boolean;
  /** CPU the KLT is pinned to (a bound thread's `pin`), -1 for none. */
  pin: number;
  /** Kernel priority: the bound thread's effective priority, or the process's (kept in step). */
  kp: number;
  /** Kernel ready queue keys. */
  k1: number;
  sjfKey: number;
  parkedSince: number;
  /** ULT switch in progress on this LWP until this instant (cost ult_switch). */
  /** A library-level preemption of its ULT decided at this instant (takes effect at the next timed statement). */
  ultPreempt: boolean;
  /** The ULT this LWP ran last (a switch to another one costs `cost ult_switch`). */
  lastUlt: ThreadRt | null;
  /** A library signal is on its way to this LWP. */
  ultIpiPending: boolean;
  /** CPU of the thread whose step made it ready (-1: a timer, I/O, creation), for its preemptions. */
  readyCause: number;
  spanLane: number;
}

export type CpuState = 'idle' | 'busy' | 'overhead';

export interface CpuRt {
  id: number;
  lwp: LwpRt | null;
  lastProc: ProcRt | null;
  everRan: boolean;
  /** A preemption signal is on its way to this CPU. */
  ipiPending: boolean;
  state: CpuState;
  since: number;
  busy: number;
  overhead: number;
  idle: number;
  /** The accounting as it was at the last thread event, saved when the CPU first changes after it. */
  ck: { state: CpuState; since: number; busy: number; overhead: number; idle: number };
  /** The thread event epoch `ck` belongs to (World.epoch). */
  ckEpoch: number;
  spanLane: number;
}

export interface MutexRt {
  spec: MutexModel;
  proc: ProcRt;
  owner: ThreadRt | null;
  /** Waiters in arrival order (blocked and spinning); see wait-queue.ts. */
  waiters: ThreadRt[];
  /** How many waiters have each effective priority. */
  prios: Map<number, number>;
  /** How many waiters spin (adaptive and spin mutexes). */
  spinners: number;
  name: string;
  spanLane: number;
  /** In the engine's list of mutexes with waiters. */
  contended: boolean;
}

export interface CondRt {
  spec: SyncModel;
  waiters: ThreadRt[];
  prios: Map<number, number>;
}

export interface SemRt {
  spec: SemaphoreModel;
  count: number;
  waiters: ThreadRt[];
  prios: Map<number, number>;
}

export interface ProcRt {
  spec: ProcessModel;
  index: number;
  threads: ThreadRt[];
  mutexes: MutexRt[];
  conds: CondRt[];
  sems: SemRt[];
  lwps: LwpRt[];
  nextLwpId: number;
  /** Unbound runnable ULTs (library run queue). */
  runq: import('./heap').IndexedHeap<ThreadRt>;
  /** Pool LWPs parked, in parking order. */
  parked: LwpRt[];
  /** Pool LWPs requested and not yet ready. */
  lwpsComing: number;
  concurrency: number;
  deathRow: ThreadRt[];
  killed: boolean;
  creations: ThreadRt[];
  /** Overflow with redzone off whose victim is not created yet. */
  pendingCorruption: ThreadRt | null;
  /** Process stall accounting. */
  stallSince: number;
  stallTicks: number;
  stallFirst: number;
  stallThread: ThreadRt | null;
  reaperScheduled: boolean;
}

/** A stack overflow with red zones off, waiting for its victim to fault. */
export interface Overflow {
  thread: ThreadRt;
  stmt: import('../language/model').StackUseStmt;
  time: number;
  victim: ThreadRt | null;
  faulted: boolean;
}

/** True when the KLT may run on this CPU (pinning). */
export function eligible(l: LwpRt, cpu: CpuRt): boolean {
  return l.pin < 0 || l.pin === cpu.id;
}

/** Declaration-order key: processes, then their threads, then their pool LWPs. */
export function ordOf(proc: number, k: number): number {
  return proc * 1048576 + k;
}

/**
 * The one invariant helper of the simulator: a reference the model guarantees at this point
 * (the LWP of a thread on a CPU, the CPU of an LWP in state `cpu`, …). A null here is a bug
 * of the simulator, reported as an internal error rather than read as undefined later.
 */
export function must<T>(x: T | null | undefined, what: string): T {
  if (x === null || x === undefined) throw new Error(`simulator invariant broken: ${what}`);
  return x;
}
