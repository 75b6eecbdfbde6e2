/** Small constructors of AST nodes from tokens, shared by the parser's rules. */
import type { IToken } from 'chevrotain';
import type { DurationNode, Ident, IntLit, RefNode, SizeLit, StmtNode, Word } from './ast';
import type { StmtOp } from './model';
import { tokenRange, tokenSpan } from './spans';

// Nodes are built as literals with every field at once (no spreads): parsing a large file
// allocates one object per node and stays out of the garbage collector's way. Keywords are
// stored as their token type's name, an interned constant, rather than as a slice of the text:
// the checker and the lowering compare them often.

export function identOf(t: IToken): Ident {
  return { range: tokenRange(t, t), start: t.startOffset, end: t.endOffset! + 1, name: t.image };
}

export function intOf(t: IToken): IntLit {
  return {
    range: tokenRange(t, t),
    start: t.startOffset,
    end: t.endOffset! + 1,
    value: Number(t.image),
    text: t.image,
  };
}

export function wordOf(t: IToken): Word {
  return { range: tokenRange(t, t), start: t.startOffset, end: t.endOffset! + 1, word: t.tokenType.name };
}

/** `8k` → 8192, `1m` → 1048576, `4096` → 4096. */
export function sizeOf(t: IToken): SizeLit {
  const text = t.image;
  const last = text.charCodeAt(text.length - 1);
  const suffix = last === 107 /* k */ ? 1024 : last === 109 /* m */ ? 1024 * 1024 : 1;
  const digits = suffix === 1 ? text : text.slice(0, -1);
  return {
    range: tokenRange(t, t),
    start: t.startOffset,
    end: t.endOffset! + 1,
    value: Number(digits) * suffix,
    text,
    digits,
  };
}

export function durationOf(a: IToken, b: IToken | undefined): DurationNode {
  const last = b ?? a;
  return {
    range: tokenRange(a, last),
    start: a.startOffset,
    end: last.endOffset! + 1,
    min: intOf(a),
    max: b ? intOf(b) : null,
  };
}

const NO_REFS: RefNode[] = [];

/** A statement node from its keyword to its last token, with the operands it has. */
export function stmtOf(
  keyword: IToken,
  last: IToken,
  duration: DurationNode | null,
  refs: RefNode[] | null,
  count: IntLit | null,
  size: SizeLit | null,
  body: StmtNode[] | null,
): StmtNode {
  return {
    range: tokenRange(keyword, last),
    start: keyword.startOffset,
    end: last.endOffset! + 1,
    op: keyword.tokenType.name as StmtOp,
    keySpan: tokenSpan(keyword),
    duration,
    refs: refs ?? NO_REFS,
    count,
    size,
    body,
  };
}

/** `"a \"b\""` → `a "b"`. */
export function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
}
