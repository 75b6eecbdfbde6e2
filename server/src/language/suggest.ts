/**
 * "Did you mean 'unlock'?": the keyword a misspelt word most likely stands for, among the
 * keywords the parser expected where the word stands (a statement in a body, a setting or a
 * declaration in a block, a thread attribute in a header, a value after its setting).
 */
import { createTokenInstance, tokenMatcher, type TokenType } from 'chevrotain';
import { editDistance } from './check-util';
import { KEYWORD_TOKENS } from './tokens';

/** No keyword is longer than this: a longer word is no misspelling of one (and costs no work). */
const LONGEST = 20;

/** The keywords matched by any of `types` (a keyword's own token type, or a category of it), in table order. */
export function keywordsOf(types: readonly TokenType[]): string[] {
  const out: string[] = [];
  for (const [word, type] of KEYWORD_TOKENS) {
    const token = createTokenInstance(type, word, 0, 0, 0, 0, 0, 0);
    if (types.some((t) => tokenMatcher(token, t))) out.push(word);
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

/**
 * The candidate closest to `word` when it is close enough to be a misspelling of it (one edit
 * for a word of up to four letters, two for a longer one, and fewer than the word's length;
 * a word of up to three letters keeps its first letter), else null. Ties go to the candidate sharing the longest prefix with the word (`of` is `off`
 * rather than `on`), then to the first.
 */
export function suggestKeyword(word: string, candidates: readonly string[]): string | null {
  if (word.length > LONGEST) return null;
  const allowed = Math.min(word.length <= 4 ? 1 : 2, word.length - 1);
  let best: string | null = null;
  let bestD = allowed + 1;
  let bestPrefix = -1;
  for (const c of candidates) {
    // A short word changed at its first letter is more likely another word than a slip.
    if (c === word || (word.length <= 3 && c[0] !== word[0])) continue;
    const d = editDistance(word, c);
    if (d > allowed) continue;
    const prefix = commonPrefix(word, c);
    if (d < bestD || (d === bestD && prefix > bestPrefix)) {
      best = c;
      bestD = d;
      bestPrefix = prefix;
    }
  }
  return best;
}
