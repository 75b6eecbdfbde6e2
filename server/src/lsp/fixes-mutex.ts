/** Quick fixes for `inversion-risk` and `priority-inversion`: give the mutex a priority protocol. */
import type { CodeAction } from 'vscode-languageserver';
import type { DeclNode } from '../language/ast';
import { insertAt, offsetOf, quickFix, type FixContext, type Fixer } from './fix-context';
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

/** `inversion-risk`, `priority-inversion`. */
export const fixInversion: Fixer = (d, fc) => {
  const data = (d.data ?? {}) as { mutex?: unknown; ceiling?: unknown };
  const decl = mutexOf(fc, offsetOf(fc, d.range.start), data);
  if (!decl || decl.protocol) return [];
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
