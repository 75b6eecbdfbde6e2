/**
 * The parser's expectation words (ERR_MSG options, built once: the parser runs on every
 * keystroke), for the `syntax` messages "expected …, found …".
 */

const DURATION = 'a duration (ticks, or a range such as 2..7)';
const REF = 'a name';

/** ERR_MSG options, built once (the parser runs on every keystroke). */
export const msg = (ERR_MSG: string) => ({ ERR_MSG });
export const M_NUMBER = msg('a number');
export const M_TICKS = msg('a number of ticks');
export const M_DURATION = msg(DURATION);
export const M_UPPER = msg("the range's upper bound");
export const M_NAME = msg(REF);
export const M_INDEX = msg('an index (a number, i, i+N or i-N)');
export const M_RBRACKET = msg("']'");
