/**
 * Quick fix for `lock-order-cycle` and `deadlock` inside a thread array (the dining
 * philosophers): the elements share their statements, so reordering them keeps the cycle. The
 * symmetry is broken as the dining-philosophers sample describes: the last element is split off
 * into a thread of its own, with its indices resolved and its two `lock`s in the reverse order.
 * `thread phil[5] { … lock fork[i] … lock fork[i+1] … }` becomes `thread phil[4] { … }` plus
 * `thread phil_last { … lock fork[0] … lock fork[4] … }`.
 *
 * Offered only when the array has at least two elements, no statement names it (a `spawn` or
 * `join` of the array would miss the split-off thread), and the result compiles without error
 * and without a lock-order cycle left in either thread: the fixer compiles and analyses it.
 */
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse } from '../analysis';
import { compile } from '../language';
import type { ProcessNode, RefNode, StmtNode, ThreadNode } from '../language/ast';
import { insertAt, offsetOf, processAt, quickFix, replace, threadAt, type FixContext, type Fixer } from './fix-context';
import { lockPairAt } from './fixes-lock-order';
import { lexed } from './lexed';

/** Every reference in a statement list, nested blocks included. */
function refsIn(body: StmtNode[], out: RefNode[] = []): RefNode[] {
  for (const s of body) {
    out.push(...s.refs);
    if (s.body) refsIn(s.body, out);
  }
  return out;
}

/** The declared length of the array `name` in process `p` (objects or threads), or null. */
function arrayLength(p: ProcessNode, name: string): number | null {
  const decl = p.decls.find((d) => d.name.name === name) ?? p.threads.find((t) => t.name.name === name);
  return decl?.size?.value ?? null;
}

/** A thread name free in `p`: `base_last`, else `base_last2`, … */
function freeName(p: ProcessNode, base: string): string {
  const taken = new Set([...p.decls.map((d) => d.name.name), ...p.threads.map((t) => t.name.name)]);
  let name = `${base}_last`;
  for (let k = 2; taken.has(name); k++) name = `${base}_last${k}`;
  return name;
}

/** The text of [start, end) with every `i`-relative index replaced by its value at `index`. */
function resolvedText(
  text: string,
  start: number,
  end: number,
  p: ProcessNode,
  refs: RefNode[],
  index: number,
): string {
  let out = '';
  let at = start;
  for (const r of refs) {
    if (r.index?.kind !== 'relative' || r.index.start < start || r.index.end > end) continue;
    const n = arrayLength(p, r.name.name);
    if (n === null || n <= 0) return '';
    out += text.slice(at, r.index.start) + String((((index + r.index.offset) % n) + n) % n);
    at = r.index.end;
  }
  return out + text.slice(at, end);
}

/**
 * The end of a statement ending at `end`, past the `//` comment that follows it when nothing
 * else does on its line: a comment moves with its statement (`// left fork` stays on the lock
 * of the left fork).
 */
function endWithComment(text: string, end: number): number {
  const eol = text.indexOf('\n', end);
  const m = /^[ \t]*\/\/[^\r\n]*/.exec(text.slice(end, eol === -1 ? text.length : eol));
  return m ? end + m[0].length : end;
}

/** Whether the lock-order cycles of `text` leave the offsets [from, to) alone, and it compiles. */
function cycleFreeBetween(text: string, from: number, to: number): boolean {
  const c = compile(text);
  if (!c.model) return false;
  const doc = TextDocument.create('file:///fix', 'threadscape', 0, text);
  const inside = (r: { start: { line: number; character: number } }) => {
    const o = doc.offsetAt(r.start);
    return o >= from && o < to;
  };
  return !analyse(c.model).some(
    (d) => d.code === 'lock-order-cycle' && (inside(d.range) || d.relatedInformation.some((x) => inside(x.range))),
  );
}

/** The split of the array thread at `offset`, or null. */
function splitAt(fc: FixContext, d: Parameters<Fixer>[0], offset: number): CodeAction | null {
  const t: ThreadNode | undefined = threadAt(fc, offset);
  const p = processAt(fc, offset);
  if (!t?.size || t.size.value < 2 || !p) return null;
  if (fc.idx.references.some((r) => r.expected === 'thread' && r.ident.name === t.name.name && r.process === p))
    return null;
  const pair = lockPairAt(fc, t, offset);
  if (!pair) return null;
  const { first, second } = pair;
  const text = fc.doc.getText();
  const headerEnd = t.attrs.at(-1)?.end ?? t.size.end;
  const brace = lexed(text.slice(headerEnd, t.end)).find((k) => k.text === '{');
  if (!brace) return null;
  const open = headerEnd + brace.start;
  const last = t.size.value - 1;
  const refs = refsIn(t.body).sort((a, b) => a.start - b.start);
  const part = (from: number, to: number) => resolvedText(text, from, to, p, refs, last);
  const firstEnd = endWithComment(text, first.end);
  const secondEnd = endWithComment(text, second.end);
  const body =
    part(open, first.start) +
    part(second.start, secondEnd) +
    part(firstEnd, second.start) +
    part(first.start, firstEnd) +
    part(secondEnd, t.end);
  const attrs = text.slice(text.indexOf(']', t.size.end) + 1, open);
  const name = freeName(p, t.name.name);
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', t.start) + 1))?.[0] ?? '';
  const added = `\n${indent}thread ${name}${attrs}${body}`;
  const shorter = String(last);
  const fixed = text.slice(0, t.size.start) + shorter + text.slice(t.size.end, t.end) + added + text.slice(t.end);
  const shift = shorter.length - (t.size.end - t.size.start);
  if (!cycleFreeBetween(fixed, t.start, t.end + shift + added.length)) return null;
  const locks = `${part(second.refs[0].start, second.refs[0].end)} before ${part(first.refs[0].start, first.refs[0].end)}`;
  return quickFix(
    `Split ${t.name.name}[${last}] off as thread ${name}, taking ${locks} (one global lock order)`,
    fc,
    d,
    [replace(fc, t.size.start, t.size.end, shorter), insertAt(fc, t.end, added)],
    true,
  );
}

/** `lock-order-cycle`, `deadlock`: the split of the thread array the cycle lies in. */
export const fixArrayOrder: Fixer = (d, fc) => {
  const a = splitAt(fc, d, offsetOf(fc, d.range.start));
  return a ? [a] : [];
};
