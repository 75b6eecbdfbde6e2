/**
 * Which words the grammar (LANGUAGE.md §3) allows where: the editor's view of it, used by
 * completion. Explanations of each word live in the language's keyword table.
 */
import { EXPECTED_OPERANDS } from '../language/symbols';

export type BlockKind = 'file' | 'scenario' | 'process' | 'body';

/** Words that start a setting, declaration or statement, by block. */
export const STARTERS: Record<BlockKind, readonly string[]> = {
  file: ['scenario', 'process'],
  scenario: ['cpus', 'horizon', 'seed', 'policy', 'quantum', 'cost'],
  process: [
    'model',
    'priority',
    'lwps',
    'concurrency',
    'sigwaiting',
    'redzone',
    'lwp_idle_timeout',
    'reaper',
    'cost',
    'mutex',
    'condvar',
    'semaphore',
    'thread',
  ],
  body: [
    'compute',
    'io',
    'sleep',
    'yield',
    'lock',
    'unlock',
    'wait',
    'signal',
    'broadcast',
    'sem_wait',
    'sem_post',
    'spawn',
    'join',
    'exit',
    'set_concurrency',
    'stack_use',
    'repeat',
  ],
};

/** The words allowed right after a setting keyword, by block and setting. */
export const SETTING_VALUES: Partial<Record<BlockKind, Record<string, readonly string[]>>> = {
  scenario: {
    policy: ['priority', 'fifo', 'rr', 'sjf'],
    cost: ['switch', 'switch_process', 'ipi', 'lwp_create'],
  },
  process: {
    model: ['one_to_one', 'many_to_one', 'many_to_many'],
    sigwaiting: ['on', 'off'],
    redzone: ['on', 'off'],
    cost: ['create', 'create_cached', 'ult_switch'],
  },
};

export const MUTEX_KINDS = ['block', 'spin', 'adaptive'] as const;
export const MUTEX_PROTOCOLS = ['inherit', 'ceiling'] as const;
/** Thread attributes; those in `VALUED_ATTRS` take a number after them. */
export const THREAD_ATTRS = ['priority', 'bound', 'pin', 'stack', 'at', 'deferred'] as const;
export const VALUED_ATTRS: ReadonlySet<string> = new Set(['priority', 'pin', 'stack', 'at', 'ceiling']);

/** The kind of declared name each referencing statement expects, operand by operand. */
export type NameKind = 'mutex' | 'condvar' | 'semaphore' | 'thread';
/** The language core's table of operand kinds, keyed by statement keyword. */
export const OPERAND_KINDS: Readonly<Record<string, readonly NameKind[] | undefined>> = EXPECTED_OPERANDS;
