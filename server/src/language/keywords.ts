/**
 * Every keyword of the scenario language (docs/reference/language.md §3): the one table of words. For each,
 * the places the grammar gives it (its categories: the lexer makes them token categories, the
 * parser consumes them, completion offers the words of a place) and a one-line explanation in
 * the terms of the SunOS two-level model (hover, completion). No other file lists keywords.
 */

/**
 * The places of the grammar a keyword takes. Most are token categories of the lexer
 * (tokens.ts); `FileStart`, `ThreadDecl`, `MutexProtocol` and `ReaperKeep` are places the
 * parser matches by word, listed so that completion and hover find every word here.
 */
export type Category =
  | 'FileStart'
  | 'ThreadDecl'
  | 'DeclStart'
  | 'ScenarioSettingStart'
  | 'ProcessSettingStart'
  | 'ScenarioIntKey'
  | 'ProcessIntKey'
  | 'ProcessOnOffKey'
  | 'ScenarioCostKey'
  | 'ProcessCostKey'
  | 'PolicyValue'
  | 'ModelValue'
  | 'OnOffValue'
  | 'MutexKindValue'
  | 'MutexProtocol'
  | 'ReaperKeep'
  | 'AttrStart'
  | 'AttrIntKey'
  | 'AttrFlag'
  | 'StmtStart'
  | 'TimedOp'
  | 'RefOp'
  | 'BareOp';

/** Where a keyword may appear: it starts a statement, a setting, a declaration, is a thread attribute, or a value. */
export type KeywordRole = 'statement' | 'setting' | 'decl' | 'attr' | 'value';

export interface KeywordInfo {
  word: string;
  /** The places of the grammar it takes. */
  categories: readonly Category[];
  /** Its roles, from its categories (for hover and completion details). */
  roles: KeywordRole[];
  /** One line for hover and completion, with the default where one exists. */
  doc: string;
}

/** The role each category gives its words (none for the keys and operators, which only refine a role). */
const ROLE_OF: Partial<Record<Category, KeywordRole>> = {
  StmtStart: 'statement',
  ScenarioSettingStart: 'setting',
  ProcessSettingStart: 'setting',
  FileStart: 'decl',
  ThreadDecl: 'decl',
  DeclStart: 'decl',
  AttrStart: 'attr',
  PolicyValue: 'value',
  ModelValue: 'value',
  OnOffValue: 'value',
  MutexKindValue: 'value',
  MutexProtocol: 'value',
  ReaperKeep: 'value',
  ScenarioCostKey: 'value',
  ProcessCostKey: 'value',
};
const ROLE_ORDER: readonly KeywordRole[] = ['statement', 'setting', 'decl', 'attr', 'value'];

const table: [string, Category[], string][] = [
  [
    'scenario',
    ['FileStart'],
    'The scenario block: title and machine-wide settings (CPUs, kernel policy, costs). Optional.',
  ],
  ['process', ['FileStart'], 'A process: one address space with its own thread library, LWP pool and threads.'],
  ['thread', ['ThreadDecl'], 'A user-level thread (ULT); `thread name[N]` declares N threads name[0] … name[N-1].'],
  [
    'mutex',
    ['DeclStart'],
    'A mutual-exclusion lock; kind block | spin | adaptive (default adaptive), protocol inherit or ceiling N (default none).',
  ],
  ['condvar', ['DeclStart'], 'A condition variable, used with `wait C M`, `signal C` and `broadcast C`.'],
  ['semaphore', ['DeclStart'], 'A counting semaphore with its initial count: `semaphore s 2`.'],
  ['cpus', ['ScenarioIntKey', 'ScenarioSettingStart'], 'Number of CPUs, 1 to 256. Default 1.'],
  ['horizon', ['ScenarioIntKey', 'ScenarioSettingStart'], 'The simulation stops at this tick. Default 100000.'],
  [
    'seed',
    ['ScenarioIntKey', 'ScenarioSettingStart'],
    'Seed of the deterministic random source used for duration ranges. Default 1.',
  ],
  ['policy', ['ScenarioSettingStart'], 'The kernel scheduler of KLTs: priority | fifo | rr | sjf. Default priority.'],
  [
    'quantum',
    ['ScenarioIntKey', 'ScenarioSettingStart'],
    'Time slice in ticks; required by rr, optional for priority (round robin among equals). Default none.',
  ],
  [
    'cost',
    ['ScenarioSettingStart', 'ProcessSettingStart'],
    'A cost in ticks: switch, switch_process, ipi, lwp_create (scenario); create, create_cached, ult_switch (process). Default 0.',
  ],
  [
    'model',
    ['ProcessSettingStart'],
    'How ULTs map onto LWPs: one_to_one | many_to_one | many_to_many. Default many_to_many.',
  ],
  [
    'priority',
    ['PolicyValue', 'ProcessIntKey', 'AttrIntKey', 'ProcessSettingStart', 'AttrStart'],
    'Process: kernel priority of its pool LWPs (default 0). Thread: its priority (default 0). Policy: preemptive by priority.',
  ],
  [
    'lwps',
    ['ProcessIntKey', 'ProcessSettingStart'],
    'LWPs in the unbound pool at start (many_to_many only), 1 to 1024. Default 1.',
  ],
  [
    'concurrency',
    ['ProcessIntKey', 'ProcessSettingStart'],
    'The thr_setconcurrency level: the library keeps at least this many LWPs, up to 1024 (many_to_many only). Default 0.',
  ],
  [
    'sigwaiting',
    ['ProcessOnOffKey', 'ProcessSettingStart'],
    'Whether the kernel sends SIGWAITING when every pool LWP is blocked (many_to_many only). Default on.',
  ],
  [
    'redzone',
    ['ProcessOnOffKey', 'ProcessSettingStart'],
    'A guard page after each thread stack, so an overflow faults at once. Default on.',
  ],
  [
    'lwp_idle_timeout',
    ['ProcessIntKey', 'ProcessSettingStart'],
    'A pool LWP parked this many ticks is given back to the kernel (many_to_many only). Default 1000.',
  ],
  [
    'reaper',
    ['ProcessSettingStart'],
    'Death-row reaping period in ticks; `keep N` leaves N stacks cached. Default 100, keep 0.',
  ],
  ['keep', ['ReaperKeep'], 'How many exited threads the reaper leaves on death row for reuse. Default 0.'],
  [
    'switch',
    ['ScenarioCostKey'],
    'Cost of dispatching a KLT of the same process as the CPU ran last (light state). Default 0.',
  ],
  [
    'switch_process',
    ['ScenarioCostKey'],
    'Cost of dispatching a KLT of another process (hard state: address space). Default 0.',
  ],
  ['ipi', ['ScenarioCostKey'], 'Ticks for a signal or inter-processor interrupt to reach another CPU. Default 0.'],
  ['lwp_create', ['ScenarioCostKey'], 'Ticks from asking the kernel for a new LWP until it is ready. Default 0.'],
  ['create', ['ProcessCostKey'], 'Ticks `spawn` costs to create a thread with a fresh stack. Default 0.'],
  ['create_cached', ['ProcessCostKey'], 'Ticks `spawn` costs when death row holds a stack to reuse. Default 0.'],
  ['ult_switch', ['ProcessCostKey'], 'Ticks for the library to switch ULTs on one LWP. Default 0.'],
  ['fifo', ['PolicyValue'], 'Kernel policy: run to block or exit in ready order; never preempts.'],
  ['rr', ['PolicyValue'], 'Kernel policy: round robin, every KLT gets `quantum` ticks.'],
  ['sjf', ['PolicyValue'], 'Kernel policy: non-preemptive shortest job first (least remaining compute).'],
  [
    'one_to_one',
    ['ModelValue'],
    'Model: every ULT is bound to its own LWP; the kernel sees every thread and its priority.',
  ],
  ['many_to_one', ['ModelValue'], 'Model: one LWP for the whole process; a blocking io blocks every thread.'],
  ['many_to_many', ['ModelValue'], 'Model: unbound ULTs multiplexed on a pool of LWPs; `bound` threads get their own.'],
  ['on', ['OnOffValue'], 'Turns a setting on.'],
  ['off', ['OnOffValue'], 'Turns a setting off.'],
  ['block', ['MutexKindValue'], 'Mutex kind: a waiter sleeps.'],
  ['spin', ['MutexKindValue'], 'Mutex kind: a waiter busy-waits on its CPU.'],
  ['adaptive', ['MutexKindValue'], 'Mutex kind (default): spin while the owner is on a CPU, sleep otherwise.'],
  ['inherit', ['MutexProtocol'], 'Mutex protocol: the owner inherits the priority of the threads it blocks.'],
  ['ceiling', ['MutexProtocol'], 'Mutex protocol: the owner runs at least at this priority while it holds the mutex.'],
  [
    'bound',
    ['AttrFlag', 'AttrStart'],
    'The thread gets an LWP of its own for life; its KLT runs at its priority (many_to_many, one_to_one).',
  ],
  ['pin', ['AttrIntKey', 'AttrStart'], 'The thread runs only on CPU N (bound threads; many_to_many, one_to_one).'],
  ['stack', ['AttrStart'], 'The thread stack size, e.g. 8k, 1m, 4096. Default 8k.'],
  ['at', ['AttrIntKey', 'AttrStart'], 'Creation tick of the thread. Default 0.'],
  [
    'deferred',
    ['AttrFlag', 'AttrStart'],
    'The thread is not created at `at`; it starts only when another thread spawns it.',
  ],
  ['compute', ['TimedOp', 'StmtStart'], 'Run on a CPU for D ticks (preemptible).'],
  ['io', ['TimedOp', 'StmtStart'], 'A blocking system call of D ticks: the thread LWP blocks in the kernel with it.'],
  ['sleep', ['TimedOp', 'StmtStart'], 'A library-level timed wait of D ticks: an unbound thread frees its LWP.'],
  ['yield', ['BareOp', 'StmtStart'], 'Give the LWP to the next runnable ULT of the same or higher priority.'],
  ['lock', ['RefOp', 'StmtStart'], 'Acquire a mutex.'],
  ['unlock', ['RefOp', 'StmtStart'], 'Release a mutex, handing it to the highest-priority waiter.'],
  ['wait', ['StmtStart'], 'wait C M: atomically release M and wait on condvar C; reacquire M when woken.'],
  ['signal', ['RefOp', 'StmtStart'], 'Wake the highest-priority waiter of a condvar (nothing happens with none).'],
  ['broadcast', ['RefOp', 'StmtStart'], 'Wake every waiter of a condvar.'],
  ['sem_wait', ['RefOp', 'StmtStart'], 'P on a counting semaphore: take one, or block until one is posted.'],
  ['sem_post', ['RefOp', 'StmtStart'], 'V on a counting semaphore: post one, waking a waiter.'],
  [
    'spawn',
    ['RefOp', 'StmtStart'],
    'Create a deferred thread (costs `cost create`, or `cost create_cached` when a stack is reused).',
  ],
  ['join', ['RefOp', 'StmtStart'], 'Wait until a thread (every element, for a bare array name) has exited.'],
  ['exit', ['BareOp', 'StmtStart'], 'End the thread now; it goes on death row.'],
  [
    'set_concurrency',
    ['StmtStart'],
    'thr_setconcurrency(N): the library grows the pool to at least N LWPs, N up to 1024 (many_to_many only).',
  ],
  ['stack_use', ['StmtStart'], 'Touch S bytes of stack; more than the thread stack overflows it.'],
  ['repeat', ['StmtStart'], 'repeat N { … }: run the block N times.'],
];

/** Every keyword, in the order of the table above. */
export const KEYWORDS: readonly KeywordInfo[] = table.map(([word, categories, doc]) => {
  const roles = new Set(categories.map((c) => ROLE_OF[c]));
  return { word, categories, roles: ROLE_ORDER.filter((r) => roles.has(r)), doc };
});

const byWord = new Map(KEYWORDS.map((k) => [k.word, k]));

/** The keyword `word`, or undefined when it is not one (`i` is not a keyword). */
export function keywordInfo(word: string): KeywordInfo | undefined {
  return byWord.get(word);
}

/** Whether `word` is reserved. */
export function isKeyword(word: string): boolean {
  return byWord.has(word);
}

/** The keywords of a place of the grammar, in the table's order. */
export function wordsOf(category: Category): string[] {
  return KEYWORDS.filter((k) => k.categories.includes(category)).map((k) => k.word);
}

/** `a, b or c`: how messages list the words of a place. */
export function listWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
