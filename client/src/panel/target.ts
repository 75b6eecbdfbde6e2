import * as vscode from 'vscode';

/**
 * The document a command invocation means: a URI string (the code lens), a Uri (the editor
 * title button, the explorer), else the active editor's threadscape document, else one shown
 * beside whatever has the focus (the walkthrough's button, with the walkthrough focused).
 */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (typeof arg === 'string') {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'threadscape') return doc.uri;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'threadscape')?.document.uri;
}
