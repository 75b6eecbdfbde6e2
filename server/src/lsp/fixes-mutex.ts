/**
 * Quick fixes for `inversion-risk` and `priority-inversion`: give the mutex a priority protocol;
 * where the kernel decides for an unbound owner under many_to_many (the visibility problem,
 * docs/reference/language.md §8), make the owner `bound`, with `inherit` when the mutex has no protocol, since
 * a protocol alone cannot reach its pool LWP and `bound` alone cures nothing.
 */
import type { CodeAction } from 'vscode-languageserver';
import type { DeclNode } from '../language/ast';
import type { ThreadNode } from '../language/ast';
import { afterThreadName, insertAt, offsetOf, quickFix, type FixContext, type Fixer } from './fix-context';
import { declarationOfHit, hitAt } from './symbol-index';

/** The mutex declaration a diagnostic is about: at its range, via a `lock` there, or named in `data`. */
function mutexOf(fc: FixContext, start: number, data: { mutex?: unknown }): DeclNode | undefined {
  const decl = declarationOfHit(hitAt(fc.idx, start));
  if (decl?.kind === 'mutex') return decl.node as DeclNode;
  const stmtRef = fc.idx.references.find((r) => r.stmt.start <= start && start < r.stmt.end && r.expected === 'mutex');
  if (stmtRef?.declaration?.kind === 'mutex') return stmtRef.declaration.node as DeclNode;
  if (typeof data.mutex === 'string') {
    const base = data.mutex.replace(/\[.*$/, '');
    const p = fc.ast.processes.find((pr) => pr.start <= start && start <= pr.end);
    return p?.decls.find((x) => x.kind === 'mutex' && x.name.name === base);
  }
  return undefined;
}

/** The highest declared priority among the threads that lock the mutex. */
function highestUser(fc: FixContext, decl: DeclNode): number | null {
  const sym = fc.idx.declarations.find((d) => d.node === decl);
  if (!sym) return null;
  let best: number | null = null;
  for (const r of fc.idx.referencesTo(sym)) {
    const prio = r.thread.attrs.find((a) => a.name === 'priority')?.value?.value ?? 0;
    best = best === null ? prio : Math.max(best, prio);
  }
  return best;
}

/** The owner thread named in `data.owner` ("low", or "w[3]" for an element of an array), in the mutex's process. */
function ownerOf(fc: FixContext, decl: DeclNode, owner: unknown): ThreadNode | undefined {
  if (typeof owner !== 'string') return undefined;
  const base = owner.replace(/\[.*$/, '');
  const p = fc.ast.processes.find((pr) => pr.start <= decl.start && decl.end <= pr.end);
  return p?.threads.find((t) => t.name.name === base);
}

/** `inversion-risk`, `priority-inversion`. */
export const fixInversion: Fixer = (d, fc) => {
  const data = (d.data ?? {}) as { mutex?: unknown; ceiling?: unknown; fix?: unknown; owner?: unknown };
  const decl = mutexOf(fc, offsetOf(fc, d.range.start), data);
  if (!decl) return [];
  if (data.fix === 'bound') {
    const t = ownerOf(fc, decl, data.owner);
    if (!t || t.attrs.some((a) => a.name === 'bound')) return [];
    const edits = [insertAt(fc, afterThreadName(fc, t), ' bound')];
    let title = `Make thread ${t.name.name} bound (the kernel then sees its priority)`;
    if (!decl.protocol) {
      edits.push(insertAt(fc, decl.mutexKind?.end ?? decl.end, ' inherit'));
      title = `Make thread ${t.name.name} bound and add 'inherit' to mutex ${decl.name.name}`;
    }
    return [quickFix(title, fc, d, edits, true)];
  }
  if (decl.protocol) return [];
  // After the kind, or at the end of the declaration (past `]` for an array).
  const after = decl.mutexKind?.end ?? decl.end;
  const out: CodeAction[] = [
    quickFix(`Add 'inherit' to mutex ${decl.name.name}`, fc, d, [insertAt(fc, after, ' inherit')], true),
  ];
  const ceiling =
    typeof data.ceiling === 'number' && Number.isFinite(data.ceiling) ? data.ceiling : highestUser(fc, decl);
  if (ceiling !== null) {
    out.push(
      quickFix(`Add 'ceiling ${ceiling}' to mutex ${decl.name.name}`, fc, d, [
        insertAt(fc, after, ` ceiling ${ceiling}`),
      ]),
    );
  }
  return out;
};
