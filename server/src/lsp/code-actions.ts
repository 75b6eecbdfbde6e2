/** Code actions: the quick fixes of DIAGNOSTICS.md that plain text edits can make. */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import { isDiagnosticCode, type DiagnosticCode } from '../language/diagnostic';
import type { ServerContext } from './context';
import type { FixContext, Fixer } from './fix-context';
import { fixLockOrder } from './fixes-lock-order';
import { fixInversion } from './fixes-mutex';
import { fixUnknownName } from './fixes-names';
import { fixPinConflict, fixProcessStall, fixRrQuantum } from './fixes-settings';

/** The quick fixes by diagnostic code (DIAGNOSTICS.md, "Quick fixes"). */
const FIXERS: Partial<Record<DiagnosticCode, Fixer>> = {
  'unknown-name': fixUnknownName,
  'inversion-risk': fixInversion,
  'priority-inversion': fixInversion,
  'rr-needs-quantum': fixRrQuantum,
  'model-conflict': fixPinConflict,
  'process-stall': fixProcessStall,
  'lock-order-cycle': fixLockOrder,
  deadlock: fixLockOrder,
};

/** The quick fixes for the given diagnostics of a document. */
export function quickFixes(fc: FixContext, diagnostics: LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'threadscape' || !isDiagnosticCode(d.code)) continue;
    const fixer = FIXERS[d.code];
    if (fixer) out.push(...fixer(d, fc));
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
    return quickFixes(fc, params.context.diagnostics);
  });
}
