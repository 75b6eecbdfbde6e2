/**
 * A cheap scan that cuts a scenario text into parts the parser can read one at a time: a part
 * ends where a line outside any block comment starts with `process` or `scenario` after spaces
 * and tabs only. The parser leaves whatever block it is in at those two keywords and comes back
 * to the file's top level there, so parsing the parts one after the other, each stopping at the
 * next one's keyword, reads the same tokens with the same state as parsing the whole text
 * (`incremental.ts`).
 *
 * Comments and strings follow the lexer (`tokens.ts`): `//` runs to the end of its line, a
 * string to its unescaped closing quote or to the end of its line, and `/*` outside those to
 * the first `*` + `/` (or, unclosed, to the end of the file). Only block comments span lines,
 * and no other token does, so a part starts at a token boundary, at column 0. The scan is two
 * native searches over the text (line starts with a keyword, `/*`) plus a look at the line of
 * each `/*`.
 */

/** One part of the text: `[start, end)`. */
export interface TextPart {
  start: number;
  end: number;
  /** The keyword that starts the next part and the spaces before it, or null for the last part. */
  next: { word: 'process' | 'scenario'; indent: number } | null;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;
const SLASH = 47;
const BACKSLASH = 92;

/** The parts of a text, in order; they cover it exactly. */
export function splitParts(text: string): TextPart[] {
  const comments = blockComments(text);
  const parts: TextPart[] = [];
  let start = 0;
  let c = 0;
  // `^` in multiline mode also matches after U+2028 and U+2029, which end no line here.
  const starts = /^([ \t]*)(process|scenario)(?![A-Za-z0-9_])/gm;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    const at = m.index;
    const before = text.charCodeAt(at - 1);
    if (at === 0 || (before !== NL && before !== CR)) continue;
    while (c < comments.length && comments[c].end <= at) c++;
    if (c < comments.length && comments[c].start < at) continue;
    parts.push({ start, end: at, next: { word: m[2] as 'process' | 'scenario', indent: m[1].length } });
    start = at;
  }
  parts.push({ start, end: text.length, next: null });
  return parts;
}

/** Line breaks in `text[start, end)` (`\r\n` is one). */
export function lineBreaks(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = text.charCodeAt(k);
    if (d === NL || (d === CR && text.charCodeAt(k + 1) !== NL)) n++;
  }
  return n;
}

/** The block comments of a text, in order, as `[start, end)`. */
function blockComments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let lastEnd = 0;
  for (let q = text.indexOf('/*'); q >= 0;) {
    const lineStart = Math.max(text.lastIndexOf('\n', q - 1), text.lastIndexOf('\r', q - 1)) + 1;
    if (opensComment(text, Math.max(lineStart, lastEnd), q)) {
      const close = text.indexOf('*/', q + 2);
      lastEnd = close < 0 ? text.length : close + 2;
      out.push({ start: q, end: lastEnd });
      q = text.indexOf('/*', lastEnd);
    } else q = text.indexOf('/*', q + 1);
  }
  return out;
}

/** Whether the `/*` at `q` starts a comment, scanning its line from `from` (outside any token). */
function opensComment(text: string, from: number, q: number): boolean {
  let k = from;
  while (k < q) {
    const c = text.charCodeAt(k);
    if (c === SLASH && text.charCodeAt(k + 1) === SLASH) return false;
    if (c !== QUOTE) {
      k++;
      continue;
    }
    // A string: to its closing quote (a backslash escapes the next character), or to q inside it.
    k++;
    for (;;) {
      if (k >= q) return false;
      const d = text.charCodeAt(k++);
      if (d === QUOTE) break;
      if (d === BACKSLASH) k++;
    }
  }
  return true;
}
