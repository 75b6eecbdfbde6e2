/**
 * Every keyword of the scenario language (LANGUAGE.md §3), with the roles it plays and a
 * one-line explanation in the terms of the SunOS two-level model. Hover, completion and the
 * lexer read this one table.
 */

/** Where a keyword may appear: it starts a statement, a setting, a declaration, is a thread attribute, or a value. */
export type KeywordRole = 'statement' | 'setting' | 'decl' | 'attr' | 'value';

export interface KeywordInfo {
  word: string;
  roles: KeywordRole[];
  /** One line for hover and completion, with the default where one exists. */
  doc: string;
}

const table: [string, KeywordRole[], string][] = [
  ['scenario', ['decl'], 'The scenario block: title and machine-wide settings (CPUs, kernel policy, costs). Optional.'],
  ['process', ['decl'], 'A process: one address space with its own thread library, LWP pool and threads.'],
  ['thread', ['decl'], 'A user-level thread (ULT); `thread name[N]` declares N threads name[0] … name[N-1].'],
  [
    'mutex',
    ['decl'],
    'A mutual-exclusion lock; kind block | spin | adaptive (default adaptive), protocol inherit or ceiling N (default none).',
  ],
  ['condvar', ['decl'], 'A condition variable, used with `wait C M`, `signal C` and `broadcast C`.'],
  ['semaphore', ['decl'], 'A counting semaphore with its initial count: `semaphore s 2`.'],
  ['cpus', ['setting'], 'Number of CPUs, 1 to 256. Default 1.'],
  ['horizon', ['setting'], 'The simulation stops at this tick. Default 100000.'],
  ['seed', ['setting'], 'Seed of the deterministic random source used for duration ranges. Default 1.'],
  ['policy', ['setting'], 'The kernel scheduler of KLTs: priority | fifo | rr | sjf. Default priority.'],
  [
    'quantum',
    ['setting'],
    'Time slice in ticks; required by rr, optional for priority (round robin among equals). Default none.',
  ],
  [
    'cost',
    ['setting'],
    'A cost in ticks: switch, switch_process, ipi, lwp_create (scenario); create, create_cached, ult_switch (process). Default 0.',
  ],
  ['model', ['setting'], 'How ULTs map onto LWPs: one_to_one | many_to_one | many_to_many. Default many_to_many.'],
  [
    'priority',
    ['setting', 'attr', 'value'],
    'Process: kernel priority of its pool LWPs (default 0). Thread: its priority (default 0). Policy: preemptive by priority.',
  ],
  ['lwps', ['setting'], 'LWPs in the unbound pool at start (many_to_many only), 1 to 1024. Default 1.'],
  [
    'concurrency',
    ['setting'],
    'The thr_setconcurrency level: the library keeps at least this many LWPs, up to 1024 (many_to_many only). Default 0.',
  ],
  [
    'sigwaiting',
    ['setting'],
    'Whether the kernel sends SIGWAITING when every pool LWP is blocked (many_to_many only). Default on.',
  ],
  ['redzone', ['setting'], 'A guard page after each thread stack, so an overflow faults at once. Default on.'],
  [
    'lwp_idle_timeout',
    ['setting'],
    'A pool LWP parked this many ticks is given back to the kernel (many_to_many only). Default 1000.',
  ],
  ['reaper', ['setting'], 'Death-row reaping period in ticks; `keep N` leaves N stacks cached. Default 100, keep 0.'],
  ['keep', ['value'], 'How many exited threads the reaper leaves on death row for reuse. Default 0.'],
  ['switch', ['value'], 'Cost of dispatching a KLT of the same process as the CPU ran last (light state). Default 0.'],
  ['switch_process', ['value'], 'Cost of dispatching a KLT of another process (hard state: address space). Default 0.'],
  ['ipi', ['value'], 'Ticks for a signal or inter-processor interrupt to reach another CPU. Default 0.'],
  ['lwp_create', ['value'], 'Ticks from asking the kernel for a new LWP until it is ready. Default 0.'],
  ['create', ['value'], 'Ticks `spawn` costs to create a thread with a fresh stack. Default 0.'],
  ['create_cached', ['value'], 'Ticks `spawn` costs when death row holds a stack to reuse. Default 0.'],
  ['ult_switch', ['value'], 'Ticks for the library to switch ULTs on one LWP. Default 0.'],
  ['fifo', ['value'], 'Kernel policy: run to block or exit in ready order; never preempts.'],
  ['rr', ['value'], 'Kernel policy: round robin, every KLT gets `quantum` ticks.'],
  ['sjf', ['value'], 'Kernel policy: non-preemptive shortest job first (least remaining compute).'],
  ['one_to_one', ['value'], 'Model: every ULT is bound to its own LWP; the kernel sees every thread and its priority.'],
  ['many_to_one', ['value'], 'Model: one LWP for the whole process; a blocking io blocks every thread.'],
  ['many_to_many', ['value'], 'Model: unbound ULTs multiplexed on a pool of LWPs; `bound` threads get their own.'],
  ['on', ['value'], 'Turns a setting on.'],
  ['off', ['value'], 'Turns a setting off.'],
  ['block', ['value'], 'Mutex kind: a waiter sleeps.'],
  ['spin', ['value'], 'Mutex kind: a waiter busy-waits on its CPU.'],
  ['adaptive', ['value'], 'Mutex kind (default): spin while the owner is on a CPU, sleep otherwise.'],
  ['inherit', ['value'], 'Mutex protocol: the owner inherits the priority of the threads it blocks.'],
  ['ceiling', ['value'], 'Mutex protocol: the owner runs at least at this priority while it holds the mutex.'],
  [
    'bound',
    ['attr'],
    'The thread gets an LWP of its own for life; its KLT runs at its priority (many_to_many, one_to_one).',
  ],
  ['pin', ['attr'], 'The thread runs only on CPU N (bound threads; many_to_many, one_to_one).'],
  ['stack', ['attr'], 'The thread stack size, e.g. 8k, 1m, 4096. Default 8k.'],
  ['at', ['attr'], 'Creation tick of the thread. Default 0.'],
  ['deferred', ['attr'], 'The thread is not created at `at`; it starts only when another thread spawns it.'],
  ['compute', ['statement'], 'Run on a CPU for D ticks (preemptible).'],
  ['io', ['statement'], 'A blocking system call of D ticks: the thread LWP blocks in the kernel with it.'],
  ['sleep', ['statement'], 'A library-level timed wait of D ticks: an unbound thread frees its LWP.'],
  ['yield', ['statement'], 'Give the LWP to the next runnable ULT of the same or higher priority.'],
  ['lock', ['statement'], 'Acquire a mutex.'],
  ['unlock', ['statement'], 'Release a mutex, handing it to the highest-priority waiter.'],
  ['wait', ['statement'], 'wait C M: atomically release M and wait on condvar C; reacquire M when woken.'],
  ['signal', ['statement'], 'Wake the highest-priority waiter of a condvar (nothing happens with none).'],
  ['broadcast', ['statement'], 'Wake every waiter of a condvar.'],
  ['sem_wait', ['statement'], 'P on a counting semaphore: take one, or block until one is posted.'],
  ['sem_post', ['statement'], 'V on a counting semaphore: post one, waking a waiter.'],
  [
    'spawn',
    ['statement'],
    'Create a deferred thread (costs `cost create`, or `cost create_cached` when a stack is reused).',
  ],
  ['join', ['statement'], 'Wait until a thread (every element, for a bare array name) has exited.'],
  ['exit', ['statement'], 'End the thread now; it goes on death row.'],
  [
    'set_concurrency',
    ['statement'],
    'thr_setconcurrency(N): the library grows the pool to at least N LWPs, N up to 1024 (many_to_many only).',
  ],
  ['stack_use', ['statement'], 'Touch S bytes of stack; more than the thread stack overflows it.'],
  ['repeat', ['statement'], 'repeat N { … }: run the block N times.'],
];

/** Every keyword, in the order of the table above. */
export const KEYWORDS: readonly KeywordInfo[] = table.map(([word, roles, doc]) => ({ word, roles, doc }));

const byWord = new Map(KEYWORDS.map((k) => [k.word, k]));

/** The keyword `word`, or undefined when it is not one (`i` is not a keyword). */
export function keywordInfo(word: string): KeywordInfo | undefined {
  return byWord.get(word);
}

/** Whether `word` is reserved. */
export function isKeyword(word: string): boolean {
  return byWord.has(word);
}
