/**
 * The Model: what a `.threads` file means, as plain JSON-serialisable data.
 *
 * Lowering (`lower.ts`) produces it from a checked AST; the simulator, the static analyses,
 * the explorer and the webview consume it. Arrays are expanded (`phil[0]` … `phil[N-1]`),
 * indices are resolved, every default of docs/reference/language.md §4 is filled in, and `repeat` stays a
 * loop (never unrolled). Every element keeps the source range it came from.
 *
 * Cross references are indices into the owning process's tables (`mutexes`, `condvars`,
 * `semaphores`, `threads`); names never need to be looked up again.
 */

/** A position in a document, LSP style: 0-based line, 0-based UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a document, LSP style (end exclusive). */
export interface SourceRange {
  start: Position;
  end: Position;
}

export type Policy = 'priority' | 'fifo' | 'rr' | 'sjf';
export type ThreadingModel = 'one_to_one' | 'many_to_one' | 'many_to_many';
export type MutexKind = 'block' | 'spin' | 'adaptive';

/** A duration: a fixed `n` lowers to `{ min: n, max: n }`; a range `a..b` to `{ min: a, max: b }`. */
export interface Duration {
  min: number;
  max: number;
}

export interface Model {
  /** The scenario's title, or null when the file has no `scenario` block. */
  title: string | null;
  cpus: number;
  horizon: number;
  seed: number;
  policy: Policy;
  /** Time slice; null when not given (required for `rr`, optional for `priority`). */
  quantum: number | null;
  costs: ScenarioCosts;
  /** Range of the `scenario` block's title (or of the first process, or 0:0 for an empty file). */
  range: SourceRange;
  processes: ProcessModel[];
}

export interface ScenarioCosts {
  /** `cost switch`: dispatch of a KLT of the same process as the CPU's previous one. */
  switch: number;
  /** `cost switch_process`: dispatch of a KLT of another process. */
  switchProcess: number;
  /** `cost ipi`: ticks for a signal / inter-processor interrupt to reach another CPU. */
  ipi: number;
  /** `cost lwp_create`: ticks from asking for an LWP until it is ready. */
  lwpCreate: number;
}

export interface ProcessModel {
  /** Position in the file (declaration order, from 0). */
  index: number;
  name: string;
  /** Range of the process's name. */
  range: SourceRange;
  model: ThreadingModel;
  /** Kernel priority of the pool's unbound LWPs. */
  priority: number;
  /** LWPs in the unbound pool at start (1 under many_to_one; 0 under one_to_one). */
  lwps: number;
  concurrency: number;
  sigwaiting: boolean;
  redzone: boolean;
  lwpIdleTimeout: number;
  reaper: number;
  reaperKeep: number;
  costs: ProcessCosts;
  mutexes: MutexModel[];
  condvars: SyncModel[];
  semaphores: SemaphoreModel[];
  /** Expanded threads in declaration order; `threads[k].tid === k + 1`. */
  threads: ThreadSpec[];
}

export interface ProcessCosts {
  create: number;
  createCached: number;
  ultSwitch: number;
}

/** Common to mutexes, condvars and semaphores after array expansion. */
export interface SyncModel {
  /** Index in its table of the process. */
  index: number;
  /** Display name: `m`, or `fork[2]` for an element of an array. */
  name: string;
  /** The declared name: `fork` for `fork[2]`. */
  baseName: string;
  /** Element index inside its array, or null for a plain declaration. */
  arrayIndex: number | null;
  /** Range of the declaration's name. */
  range: SourceRange;
}

export interface MutexModel extends SyncModel {
  kind: MutexKind;
  /** Default: 'none'. */
  protocol: 'none' | 'inherit' | 'ceiling';
  /** The ceiling priority when protocol is 'ceiling', else null. */
  ceiling: number | null;
}

export interface SemaphoreModel extends SyncModel {
  initial: number;
}

export interface ThreadSpec {
  /** Index in `process.threads`. */
  index: number;
  /** 1-based, declaration order after arrays are expanded (docs/reference/cli.md `tid`). */
  tid: number;
  /** `worker`, or `phil[0]` for an element of a thread array. */
  name: string;
  baseName: string;
  arrayIndex: number | null;
  /** Length of the thread array, or null for a single thread. */
  arrayLength: number | null;
  priority: number;
  /** True when declared `bound`, and for every thread of a one_to_one process. */
  bound: boolean;
  /** CPU the thread's KLT is pinned to, or null. */
  pin: number | null;
  /** Stack size in bytes. */
  stack: number;
  /** Creation tick (ignored when deferred). */
  at: number;
  deferred: boolean;
  /** Range of the thread's name in its declaration. */
  range: SourceRange;
  /** The body with indices resolved for this thread (array threads share ranges). */
  body: Stmt[];
}

interface StmtBase {
  /** Range of the whole statement (keyword to last operand). */
  range: SourceRange;
}

export interface TimedStmt extends StmtBase {
  op: 'compute' | 'io' | 'sleep';
  duration: Duration;
}
export interface BareStmt extends StmtBase {
  op: 'yield' | 'exit';
}
export interface MutexStmt extends StmtBase {
  op: 'lock' | 'unlock';
  /** Index into `process.mutexes`. */
  mutex: number;
}
export interface WaitStmt extends StmtBase {
  op: 'wait';
  condvar: number;
  mutex: number;
}
export interface CondvarStmt extends StmtBase {
  op: 'signal' | 'broadcast';
  condvar: number;
}
export interface SemaphoreStmt extends StmtBase {
  op: 'sem_wait' | 'sem_post';
  semaphore: number;
}
export interface ThreadRefStmt extends StmtBase {
  op: 'spawn' | 'join';
  /** Indices into `process.threads`: one, or every element for a bare array name. */
  threads: number[];
}
export interface SetConcurrencyStmt extends StmtBase {
  op: 'set_concurrency';
  level: number;
}
export interface StackUseStmt extends StmtBase {
  op: 'stack_use';
  bytes: number;
}
export interface RepeatStmt extends StmtBase {
  op: 'repeat';
  count: number;
  body: Stmt[];
}

export type Stmt =
  | TimedStmt
  | BareStmt
  | MutexStmt
  | WaitStmt
  | CondvarStmt
  | SemaphoreStmt
  | ThreadRefStmt
  | SetConcurrencyStmt
  | StackUseStmt
  | RepeatStmt;

export type StmtOp = Stmt['op'];

/** Defaults of docs/reference/language.md §4. */
export const DEFAULTS = {
  cpus: 1,
  horizon: 100000,
  seed: 1,
  policy: 'priority' as Policy,
  model: 'many_to_many' as ThreadingModel,
  processPriority: 0,
  lwps: 1,
  concurrency: 0,
  sigwaiting: true,
  redzone: true,
  lwpIdleTimeout: 1000,
  reaper: 100,
  reaperKeep: 0,
  mutexKind: 'adaptive' as MutexKind,
  threadPriority: 0,
  stack: 8 * 1024,
  at: 0,
  maxEvents: 10_000_000,
} as const;
