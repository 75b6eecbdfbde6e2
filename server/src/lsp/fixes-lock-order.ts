/**
 * Quick fix for `lock-order-cycle` and `deadlock`: in one thread involved, swap the `lock`
 * that closes the cycle with the `lock` of the mutex it holds there, so that thread takes the
 * two mutexes in the order the other thread does. Offered only when simple: both statements
 * in the same block, the first still held at the second, and a single thread (not an array,
 * whose elements share their statements, so swapping would reverse them all).
 */
import type { CodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { StmtNode, ThreadNode } from '../language/ast';
import { offsetOf, quickFix, replace, threadAt, type FixContext, type Fixer } from './fix-context';

/** The statement list (thread body or repeat block) that directly holds the statement at `offset`. */
export function blockOf(body: StmtNode[], offset: number): { list: StmtNode[]; index: number } | null {
  for (let k = 0; k < body.length; k++) {
    const s = body[k];
    if (offset < s.start || offset > s.end) continue;
    if (s.body) {
      const inner = blockOf(s.body, offset);
      if (inner) return inner;
    }
    return { list: body, index: k };
  }
  return null;
}

/** The text of a statement's first operand (`fork[i+1]`). */
export function refText(fc: FixContext, s: StmtNode): string {
  return fc.doc.getText().slice(s.refs[0].start, s.refs[0].end);
}

/**
 * The two `lock` statements that close a cycle in `t` at `offset`: the `lock` there and the
 * nearest earlier `lock` of its block still held at it; null when that is not so simple.
 */
export function lockPairAt(
  fc: FixContext,
  t: ThreadNode,
  offset: number,
): { first: StmtNode; second: StmtNode } | null {
  const found = blockOf(t.body, offset);
  if (!found) return null;
  const second = found.list[found.index];
  if (second.op !== 'lock' || second.refs.length !== 1) return null;
  const key = refText(fc, second);
  for (let k = found.index - 1; k >= 0; k--) {
    const s = found.list[k];
    if (s.op !== 'lock' || s.refs.length !== 1) continue;
    const held = refText(fc, s);
    if (held === key) return null;
    const released = found.list
      .slice(k + 1, found.index)
      .some((u) => u.op === 'unlock' && u.refs.length === 1 && refText(fc, u) === held);
    if (!released) return { first: s, second };
  }
  return null;
}

/** The swap for the lock statement at `offset`, or null when not simple. */
function swapAt(fc: FixContext, d: LspDiagnostic, offset: number, seen: Set<ThreadNode>): CodeAction | null {
  const t = threadAt(fc, offset);
  if (!t || t.size || seen.has(t)) return null;
  const pair = lockPairAt(fc, t, offset);
  if (!pair) return null;
  const { first, second } = pair;
  seen.add(t);
  const text = fc.doc.getText();
  return quickFix(
    `Reorder thread ${t.name.name}: lock ${refText(fc, second)} before lock ${refText(fc, first)}`,
    fc,
    d,
    [
      replace(fc, first.start, first.end, text.slice(second.start, second.end)),
      replace(fc, second.start, second.end, text.slice(first.start, first.end)),
    ],
  );
}

/** `lock-order-cycle`, `deadlock`. */
export const fixLockOrder: Fixer = (d, fc) => {
  const seen = new Set<ThreadNode>();
  const places = [
    d.range,
    ...(d.relatedInformation ?? []).filter((r) => r.location.uri === fc.uri).map((r) => r.location.range),
  ];
  const out: CodeAction[] = [];
  for (const r of places) {
    const a = swapAt(fc, d, offsetOf(fc, r.start), seen);
    if (a) out.push(a);
  }
  return out;
};
