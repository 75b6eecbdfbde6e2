/**
 * What a simulation produces: the result of docs/reference/cli.md's `run --json`, plus (when asked for)
 * the event list and the state spans the playback panel draws.
 *
 * Plain data only: the CLI prints it, the language server reads metrics from it, and the
 * webview renders it. Additive changes only; every consumer depends on these names.
 */
import type { Diagnostic } from '../language/diagnostic';
import type { SourceRange } from '../language/model';

export type Outcome = 'completed' | 'deadlock' | 'hang' | 'horizon' | 'budget' | 'fault';

export type ThreadState =
  'exited' | 'blocked' | 'spinning' | 'ready' | 'running' | 'faulted' | 'killed' | 'not-started';

export interface ThreadMetrics {
  name: string;
  process: string;
  tid: number;
  priority: number;
  bound: boolean;
  arrival: number | null;
  firstRun: number | null;
  finish: number | null;
  cpuTime: number;
  readyTime: number;
  blockedTime: number;
  spinTime: number;
  state: ThreadState;
  /** The highest effective priority it reached (its own, or raised by `inherit` or a `ceiling`). */
  peakPriority: number;
  /** The priority its KLT ran at, at most: its peak when bound, else its process's (pool LWPs). */
  peakKernelPriority: number;
  /** When a thread that ends blocked or spinning (deadlock, hang) began to wait; null otherwise. */
  waitingSince: number | null;
}

/** The fields of a thread in `run --json` (docs/reference/cli.md), in its order: the others serve the editor. */
export const CLI_THREAD_FIELDS = [
  'name',
  'process',
  'tid',
  'priority',
  'bound',
  'arrival',
  'firstRun',
  'finish',
  'cpuTime',
  'readyTime',
  'blockedTime',
  'spinTime',
  'state',
] as const satisfies readonly (keyof ThreadMetrics)[];

export type CliThreadMetrics = Pick<ThreadMetrics, (typeof CLI_THREAD_FIELDS)[number]>;

/** A thread's metrics as `run --json` prints them. */
export function cliThread(m: ThreadMetrics): CliThreadMetrics {
  const out: Partial<Record<keyof CliThreadMetrics, unknown>> = {};
  for (const k of CLI_THREAD_FIELDS) out[k] = m[k];
  return out as CliThreadMetrics;
}

export interface CpuMetrics {
  id: number;
  busy: number;
  overhead: number;
  idle: number;
}

export interface Counters {
  switches: number;
  processSwitches: number;
  ipis: number;
  upcalls: number;
  lwpsCreated: number;
  lwpsReclaimed: number;
  threadsCreated: number;
  threadsReused: number;
  threadsReaped: number;
}

export type EventKind =
  | 'create'
  | 'run'
  | 'preempt'
  | 'switch'
  | 'block'
  | 'wake'
  | 'lock'
  | 'unlock'
  | 'spin'
  | 'io'
  | 'sleep'
  | 'park'
  | 'unpark'
  | 'upcall'
  | 'ipi'
  | 'lwp_create'
  | 'lwp_reclaim'
  | 'reuse'
  | 'reap'
  | 'exit'
  | 'fault'
  | 'deadlock'
  | 'signal'
  | 'post'
  | 'kill';

/** docs/reference/cli.md's event: fields that do not apply are null. */
export interface TraceEvent {
  t: number;
  kind: EventKind;
  process: string | null;
  thread: string | null;
  /** LWP id, unique within its process, from 1 in creation order. */
  lwp: number | null;
  cpu: number | null;
  mutex: string | null;
  range: SourceRange | null;
  /** A short human-readable explanation ("preempted by t3 (priority 3)"). */
  detail?: string;
  /**
   * Index in the run's event list of the event that caused this one, when the simulator knows
   * it: the `unlock` that handed a mutex over (`lock` handed off, `wake`), the `signal`,
   * `sem_post` or `exit` that woke a waiter, the `upcall` whose LWP this `lwp_create` is, the
   * `ipi` (interrupt or library signal) that led to this `preempt`.
   */
  cause?: number;
}

/** States a lane can show over an interval. */
export type SpanState =
  // threads
  | 'running'
  | 'ready'
  | 'spinning'
  | 'blocked'
  | 'io'
  | 'sleeping'
  | 'faulted'
  // CPUs
  | 'overhead'
  // LWPs
  | 'parked'
  // mutexes
  | 'held';

/** Which lane a span belongs to. */
export type LaneRef =
  | { kind: 'cpu'; cpu: number }
  | { kind: 'lwp'; process: string; lwp: number }
  | { kind: 'thread'; process: string; thread: string }
  | { kind: 'mutex'; process: string; mutex: string };

/** One state over [start, end) on one lane. */
export interface Span {
  lane: LaneRef;
  start: number;
  end: number;
  state: SpanState;
  /** CPU lanes: the thread and LWP running (or being switched to). */
  thread?: string;
  process?: string;
  lwp?: number;
  cpu?: number;
  /**
   * Thread lanes, states blocked and spinning: what it waits for ("mutex bus", "condvar ready",
   * "join t1, t2", "semaphore s").
   */
  reason?: string;
  /**
   * Thread lanes: the effective priority, when `inherit` or a `ceiling` lifts it above the
   * thread's own. LWP lanes: the priority its KLT runs at (always present).
   */
  priority?: number;
  /** Thread lanes, with `priority`: what lifted it, and from whom (the waiter, or the mutex of the ceiling). */
  lift?: 'inherit' | 'ceiling';
  from?: string;
  /** Mutex lanes: the owner. */
  owner?: string;
  /** Mutex lanes: how many threads wait for it (blocked or spinning), when any. */
  waiting?: number;
  /** Mutex lanes of older recordings: the waiters, in queue order. */
  waiters?: string[];
}

/** An interval in which a process stalled: every pool LWP blocked in `io` with ULTs runnable (§9). */
export interface StallInterval {
  start: number;
  end: number;
  process: string;
}

/**
 * The statements each thread reached, in order: thread i (index in `threads`) reached the
 * statement at `ranges[range[k]]` at `t[k]` (the editor shows where each thread is, and finds
 * the next time a thread runs a statement).
 */
export interface StatementLog {
  ranges: SourceRange[];
  thread: number[];
  t: number[];
  range: number[];
}

/** What was recorded of a run (docs/reference/cli.md `run --json` `recording`). */
export interface RecordingInfo {
  /** Events recorded. */
  events: number;
  /** False when the recording cap stopped recording before the run ended. */
  complete: boolean;
  /** The instant recording stopped (nothing at or after it is recorded), null when complete. */
  until: number | null;
}

/** Intervals of unbounded priority inversion observed (for timeline markers). */
export interface InversionInterval {
  start: number;
  end: number;
  process: string;
  high: string;
  low: string;
  medium: string;
  mutex: string;
  /** Which scheduler decided: the thread library (ULTs on a pool) or the kernel (KLTs on CPUs). */
  level: 'library' | 'kernel';
}

/** The static shape of the run: every lane that exists, so a renderer needs no guessing. */
export interface Topology {
  cpus: number;
  /** The kernel's scheduling policy (the ready queue's order). */
  policy?: string;
  processes: {
    name: string;
    model: string;
    threads: { name: string; priority: number; bound: boolean }[];
    /** Every LWP that existed during the run. */
    lwps: { id: number; bound: string | null }[];
    mutexes: string[];
    /** The kernel priority of the pool's unbound LWPs. */
    priority?: number;
    condvars?: string[];
    semaphores?: string[];
  }[];
}

export interface RunResult {
  /** The scenario's title, or the file name given by the host. */
  scenario: string;
  outcome: Outcome;
  endTime: number;
  threads: ThreadMetrics[];
  cpus: CpuMetrics[];
  counters: Counters;
  diagnostics: Diagnostic[];
  /** Present when `record.events` was asked for. */
  events?: TraceEvent[];
  /** Present when `record.spans` was asked for. */
  spans?: Span[];
  inversions?: InversionInterval[];
  topology?: Topology;
  /** With spans: the intervals in which a process stalled. */
  stalls?: StallInterval[];
  /**
   * With spans, when the recording is complete: the state each thread, LWP and mutex lane is in
   * as the run ends, from when it began (zero-length when it began at the end): what a deadlock
   * or a hang leaves behind.
   */
  final?: Span[];
  /** With spans: the statements each thread reached, and when. */
  statements?: StatementLog;
  /** Present when anything was recorded: how much, and whether the cap stopped it. */
  recording?: RecordingInfo;
}
