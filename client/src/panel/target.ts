import * as vscode from 'vscode';

/** The threadscape document whose editor had the focus last, while it stays open. */
let lastFocused: vscode.Uri | undefined;

/**
 * Keeps track of the threadscape document last focused in an editor, so that a command run
 * from a page that hides it (the walkthrough's buttons, with the walkthrough's tab in front of
 * the scenario's) still knows which document it means.
 */
export function trackFocusedDocument(context: vscode.ExtensionContext): void {
  const note = (editor: vscode.TextEditor | undefined): void => {
    if (editor?.document.languageId === 'threadscape') lastFocused = editor.document.uri;
  };
  note(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(note),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (lastFocused?.toString() === d.uri.toString()) lastFocused = undefined;
    }),
  );
}

/**
 * The document a command invocation means: a URI string (the code lens), a Uri (the editor
 * title button, the explorer), else the active editor's threadscape document, else the
 * threadscape document last focused, if it is still open (the walkthrough's button, with the
 * walkthrough in front of the scenario or beside it), else one shown beside whatever has the
 * focus.
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
  const last = lastFocused?.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === last && d.languageId === 'threadscape');
  if (open) return open.uri;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'threadscape')?.document.uri;
}
