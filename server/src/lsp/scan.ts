/**
 * A tolerant scanner for editor features that must work on half-typed text (completion, the
 * word under the cursor): words, numbers, strings and punctuation with their offsets, comments
 * skipped. It never fails; it is not the language's lexer and decides nothing about validity.
 */

export type TokenKind = 'word' | 'number' | 'string' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets in the text, end exclusive. */
  start: number;
  end: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(?:\.\.[0-9]+)?[A-Za-z]*/y;

/** Tokens of `text` up to offset `limit` (the whole text by default). */
export function scan(text: string, limit = text.length): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === 34) {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(text.length, text[j] === '"' ? j + 1 : j);
      out.push({ kind: 'string', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const re = /[A-Za-z_]/.test(text[i]) ? WORD : /[0-9]/.test(text[i]) ? NUMBER : null;
      if (re) {
        re.lastIndex = i;
        const m = re.exec(text);
        const j = i + (m ? m[0].length : 1);
        out.push({ kind: re === WORD ? 'word' : 'number', text: text.slice(i, j), start: i, end: j });
        i = j;
      } else {
        out.push({ kind: 'punct', text: text[i], start: i, end: i + 1 });
        i++;
      }
    }
  }
  // A token that straddles the limit is cut at it (the word being typed).
  return out
    .filter((t) => t.start < limit)
    .map((t) => (t.end > limit ? { ...t, end: limit, text: text.slice(t.start, limit) } : t));
}

/** The identifier touching `offset` (before or after it), or null. */
export function wordAt(text: string, offset: number): { text: string; start: number; end: number } | null {
  let s = offset;
  let e = offset;
  while (s > 0 && /[A-Za-z0-9_]/.test(text[s - 1])) s--;
  while (e < text.length && /[A-Za-z0-9_]/.test(text[e])) e++;
  if (s === e || !/[A-Za-z_]/.test(text[s])) return null;
  return { text: text.slice(s, e), start: s, end: e };
}
