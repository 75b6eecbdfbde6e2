/**
 * A cheap scan that cuts a scenario text into parts the parser can read one at a time: a part
 * ends where a line (outside any comment or string) starts with `process` or `scenario` after
 * spaces and tabs only. The parser leaves whatever block it is in at those two keywords and
 * comes back to the file's top level there, so parsing the parts one after the other, each
 * stopping at the next one's keyword, reads the same tokens with the same state as parsing the
 * whole text (`incremental.ts`).
 *
 * Strings and comments follow the lexer (`tokens.ts`): `//` runs to the end of its line, `/*`
 * to the first `*` + `/` (or, unclosed, to the end of the file), a string to its unescaped
 * closing quote or to the end of its line. Tokens never span a line otherwise, so a part starts
 * at a token boundary, at column 0.
 */

/** One part of the text: `[start, end)`, starting on 0-based line `line`. */
export interface TextPart {
  start: number;
  end: number;
  line: number;
  /** The keyword that starts the next part and the spaces before it, or null for the last part. */
  next: { word: 'process' | 'scenario'; indent: number } | null;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const SPACE = 32;
const TAB = 9;
const P = 112;
const S = 115;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The keyword (`process` or `scenario`) that starts the line at `k` after spaces and tabs, if any. */
function keywordAt(text: string, k: number): { word: 'process' | 'scenario'; indent: number } | null {
  let j = k;
  while (j < text.length && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
  const c = text.charCodeAt(j);
  if (c !== P && c !== S) return null;
  for (const word of ['process', 'scenario'] as const) {
    if (text.startsWith(word, j) && !isWordChar(text.charCodeAt(j + word.length))) return { word, indent: j - k };
  }
  return null;
}

/** The parts of a text, in order; they cover it exactly. */
export function splitParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  const n = text.length;
  let k = 0;
  // At a line start outside strings and comments: maybe the start of a new part.
  const lineStart = (at: number): void => {
    if (at === 0 || at >= n) return;
    const next = keywordAt(text, at);
    if (!next) return;
    parts.push({ start, end: at, line: startLine, next });
    start = at;
    startLine = line;
  };
  const special = /["/\n\r]/g;
  while (k < n) {
    // Jump to the next character that matters (most are plain).
    special.lastIndex = k;
    if (!special.test(text)) break;
    k = special.lastIndex - 1;
    const c = text.charCodeAt(k);
    if (c === NL || c === CR) {
      k += c === CR && text.charCodeAt(k + 1) === NL ? 2 : 1;
      line++;
      lineStart(k);
    } else if (c === QUOTE) {
      k++;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === NL || d === CR) break;
        k++;
        if (d === QUOTE) break;
        if (d === BACKSLASH && k < n && text.charCodeAt(k) !== NL && text.charCodeAt(k) !== CR) k++;
      }
    } else if (c === SLASH && text.charCodeAt(k + 1) === SLASH) {
      k += 2;
      while (k < n && text.charCodeAt(k) !== NL && text.charCodeAt(k) !== CR) k++;
    } else if (c === SLASH && text.charCodeAt(k + 1) === STAR) {
      const close = text.indexOf('*/', k + 2);
      // Unclosed: the comment runs to the end of the file, and so does this part.
      const end = close < 0 ? n : close + 2;
      for (let j = k + 2; j < end; j++) {
        const d = text.charCodeAt(j);
        if (d === NL || (d === CR && text.charCodeAt(j + 1) !== NL)) line++;
      }
      k = end;
    } else k++;
  }
  parts.push({ start, end: n, line: startLine, next: null });
  return parts;
}
