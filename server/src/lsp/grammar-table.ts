/**
 * Which words the grammar (docs/reference/language.md §3) allows where, as completion needs it: every list is
 * read from the language's keyword table (its categories), none is spelt here.
 */
import { wordsOf } from '../language/keywords';
import { EXPECTED_OPERANDS } from '../language/symbols';

export type BlockKind = 'file' | 'scenario' | 'process' | 'body';

/** Words that start a setting, declaration or statement, by block. */
export const STARTERS: Record<BlockKind, readonly string[]> = {
  file: wordsOf('FileStart'),
  scenario: wordsOf('ScenarioSettingStart'),
  process: [...wordsOf('ProcessSettingStart'), ...wordsOf('DeclStart'), ...wordsOf('ThreadDecl')],
  body: wordsOf('StmtStart'),
};

/** The words allowed right after a setting keyword, by block and setting. */
export const SETTING_VALUES: Partial<Record<BlockKind, Record<string, readonly string[]>>> = {
  scenario: { policy: wordsOf('PolicyValue'), cost: wordsOf('ScenarioCostKey') },
  process: {
    model: wordsOf('ModelValue'),
    ...Object.fromEntries(wordsOf('ProcessOnOffKey').map((k) => [k, wordsOf('OnOffValue')])),
    cost: wordsOf('ProcessCostKey'),
  },
};

export const MUTEX_KINDS = wordsOf('MutexKindValue');
export const MUTEX_PROTOCOLS = wordsOf('MutexProtocol');
/** Thread attributes; those in `VALUED_ATTRS` take a number (or a size) after them. */
export const THREAD_ATTRS = wordsOf('AttrStart');
export const VALUED_ATTRS: ReadonlySet<string> = new Set([
  ...wordsOf('AttrIntKey'),
  ...THREAD_ATTRS.filter((a) => !wordsOf('AttrIntKey').includes(a) && !wordsOf('AttrFlag').includes(a)),
  ...MUTEX_PROTOCOLS.filter((p) => p !== 'inherit'),
]);

/** The kind of declared name each referencing statement expects, operand by operand. */
export type NameKind = 'mutex' | 'condvar' | 'semaphore' | 'thread';
/** The language core's table of operand kinds, keyed by statement keyword. */
export const OPERAND_KINDS: Readonly<Record<string, readonly NameKind[] | undefined>> = EXPECTED_OPERANDS;
