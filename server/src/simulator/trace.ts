/**
 * What a simulation produces: the result of CLI.md's `run --json`, plus (when asked for)
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

/** The fields of a thread in `run --json` (CLI.md), in its order: the others serve the editor. */
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
  | 'kill';

/** CLI.md's event: fields that do not apply are null. */
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
  /** Thread lanes, state blocked: what it waits for ("mutex bus", "condvar ready", "join t1", "semaphore s"). */
  reason?: string;
  /** Mutex lanes: the owner and the waiters, in queue order. */
  owner?: string;
  waiters?: string[];
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
  processes: {
    name: string;
    model: string;
    threads: { name: string; priority: number; bound: boolean }[];
    /** Every LWP that existed during the run. */
    lwps: { id: number; bound: string | null }[];
    mutexes: string[];
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
}
