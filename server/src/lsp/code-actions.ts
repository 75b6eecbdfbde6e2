/** Code actions: the quick fixes of docs/reference/diagnostics.md that plain text edits can make, and Play counterexample. */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import { isDiagnosticCode, type DiagnosticCode } from '../language/diagnostic';
import type { ServerContext } from './context';
import type { FixContext, Fixer } from './fix-context';
import { fixArrayOrder } from './fixes-array-order';
import { fixLockOrder } from './fixes-lock-order';
import { fixInversion } from './fixes-mutex';
import { fixMisspeltKeyword, fixUnknownName } from './fixes-names';
import { fixPinConflict, fixProcessStall, fixRrQuantum } from './fixes-settings';
import { playActions } from './play-counterexample';

/** A lock-order cycle: reorder the locks of one thread, or split the last element off a thread array. */
const fixCycle: Fixer = (d, fc) => [...fixLockOrder(d, fc), ...fixArrayOrder(d, fc)];

/** The quick fixes by diagnostic code (docs/reference/diagnostics.md, "Quick fixes"). */
const FIXERS: Partial<Record<DiagnosticCode, Fixer>> = {
  syntax: fixMisspeltKeyword,
  'unknown-name': fixUnknownName,
  'inversion-risk': fixInversion,
  'priority-inversion': fixInversion,
  'rr-needs-quantum': fixRrQuantum,
  'model-conflict': fixPinConflict,
  'process-stall': fixProcessStall,
  'lock-order-cycle': fixCycle,
  deadlock: fixCycle,
};

/**
 * The quick fixes for the given diagnostics of a document. A fix offered for several of them
 * (the same edit for a deadlock and the lock-order cycle at its `lock`) is listed once, naming
 * every diagnostic it resolves.
 */
export function quickFixes(fc: FixContext, diagnostics: LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const byEdit = new Map<string, CodeAction>();
  for (const d of diagnostics) {
    if (d.source !== 'threadscape' || !isDiagnosticCode(d.code)) continue;
    const fixer = FIXERS[d.code];
    for (const a of fixer ? fixer(d, fc) : []) {
      const key = `${a.title}\n${JSON.stringify(a.edit)}`;
      const same = byEdit.get(key);
      if (same) same.diagnostics = [...(same.diagnostics ?? []), ...(a.diagnostics ?? [])];
      else {
        byEdit.set(key, a);
        out.push(a);
      }
    }
  }
  return out;
}

/** Registers `textDocument/codeAction`. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`)))
      return [];
    const a = ctx.store.analysis(params.textDocument.uri);
    const doc = ctx.documents.get(params.textDocument.uri);
    const c = a?.compilation;
    if (!a || !doc || !c) return [];
    const fc: FixContext = { uri: a.uri, doc, ast: c.ast, idx: c.symbols, model: c.model };
    return [...playActions(a.uri, params.context.diagnostics), ...quickFixes(fc, params.context.diagnostics)];
  });
}
