/**
 * The walkthrough's "see a diagnostic" step completes when a Threadscape document shows an
 * error or a warning in an editor on screen: the context key `threadscape.diagnosticSeen`
 * turns true (the step's completion events also take opening the Problems panel).
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SEEN_CONTEXT } from './ids';

/** Whether a document's diagnostics include an error or a warning. */
export function showsProblem(diagnostics: readonly vscode.Diagnostic[]): boolean {
  return diagnostics.some(
    (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
  );
}

/** Sets the context key once, the first time a visible Threadscape editor shows a problem. */
export function watchDiagnosticSeen(context: vscode.ExtensionContext): void {
  const subscriptions: vscode.Disposable[] = [];
  const look = (): void => {
    const seen = vscode.window.visibleTextEditors.some(
      (e) => e.document.languageId === 'threadscape' && showsProblem(vscode.languages.getDiagnostics(e.document.uri)),
    );
    if (!seen) return;
    void vscode.commands.executeCommand('setContext', DIAGNOSTIC_SEEN_CONTEXT, true);
    for (const s of subscriptions.splice(0)) s.dispose();
  };
  subscriptions.push(vscode.languages.onDidChangeDiagnostics(look), vscode.window.onDidChangeVisibleTextEditors(look));
  context.subscriptions.push({ dispose: () => subscriptions.splice(0).forEach((s) => s.dispose()) });
  look();
}
