/**
 * The offer of "Go to the Next Time a Thread Runs This" where the cursor is: while a document
 * has a simulation panel, a status bar item names the cursor's line and runs the command (it
 * is in the editor's context menu too). The panel's webview finds the instant, or says none.
 */
import * as vscode from 'vscode';
import { nextRunText } from './marks';

export class NextRunOffer implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 90);
  private readonly subscriptions: vscode.Disposable[];

  /**
   * `hasPanel` says whether a document has a simulation panel; `command` is the command the
   * item runs.
   */
  constructor(
    private readonly hasPanel: (uri: vscode.Uri) => boolean,
    command: string,
  ) {
    this.item.command = command;
    this.item.tooltip = 'Move the simulation to the next time a thread runs the statement at the cursor';
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection((e) => this.update(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.update(e)),
    ];
  }

  /** Shows or hides the item for an editor (call when panels open or close too). */
  update(editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor): void {
    if (!editor || editor.document.languageId !== 'threadscape' || !this.hasPanel(editor.document.uri)) {
      this.item.hide();
      return;
    }
    this.item.text = nextRunText(editor.selection.active.line);
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
