/** Small constructors of AST nodes from tokens, shared by the parser's rules. */
import type { IToken } from 'chevrotain';
import type { DurationNode, Ident, IntLit, SizeLit, Span, StmtNode, Word } from './ast';
import type { StmtOp } from './model';
import { joinSpans, tokenSpan } from './spans';

export function identOf(t: IToken): Ident {
  return { ...tokenSpan(t), name: t.image };
}

export function intOf(t: IToken): IntLit {
  return { ...tokenSpan(t), value: Number(t.image), text: t.image };
}

export function wordOf(t: IToken): Word {
  return { ...tokenSpan(t), word: t.image };
}

/** `8k` → 8192, `1m` → 1048576, `4096` → 4096. */
export function sizeOf(t: IToken): SizeLit {
  const text = t.image;
  const last = text.charCodeAt(text.length - 1);
  const suffix = last === 107 /* k */ ? 1024 : last === 109 /* m */ ? 1024 * 1024 : 1;
  const digits = suffix === 1 ? text : text.slice(0, -1);
  return { ...tokenSpan(t), value: Number(digits) * suffix, text, digits };
}

export function durationOf(a: IToken, b: IToken | undefined): DurationNode {
  const min = intOf(a);
  const max = b ? intOf(b) : null;
  return { ...(max ? joinSpans(min, max) : spanOnly(min)), min, max };
}

function spanOnly(s: Span): Span {
  return { range: s.range, start: s.start, end: s.end };
}

/** A statement node with every optional part empty; the caller fills in its operands. */
export function stmtOf(keyword: IToken, last: IToken, parts: Partial<StmtNode>): StmtNode {
  const keySpan = tokenSpan(keyword);
  const end = tokenSpan(last);
  return {
    ...joinSpans(keySpan, end),
    op: keyword.image as StmtOp,
    keySpan,
    duration: null,
    refs: [],
    count: null,
    size: null,
    body: null,
    ...parts,
  };
}

/** `"a \"b\""` → `a "b"`. */
export function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
}
