/**
 * "Threadscape: Simulate" (`threadscape.simulate`): opens, or brings forward, the one playback
 * panel of a document, beside the editor. Also restores panels after a reload through a
 * WebviewPanelSerializer, from the state the webview saved with setState (restore.ts says
 * which documents a saved state may reopen).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SIMULATE_COMMAND } from '@server/lsp/protocol';
import { isWebviewState } from '../protocol';
import { isRestorableUri } from './restore';
import { NextRunOffer } from './next-run';
import { SimulationPanel, VIEW_TYPE, webviewOptions } from './simulation-panel';

/** The untitled Threadscape documents open in the editor, by URI. */
function openUntitled(): Set<string> {
  return new Set(
    vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'untitled' && d.languageId === 'threadscape')
      .map((d) => d.uri.toString()),
  );
}

/** "Threadscape: Go to the Next Time a Thread Runs This" (editor context menu). */
export const NEXT_RUN_COMMAND = 'threadscape.nextRun';

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

/** Registers the command, the serializer and the panels' bookkeeping. */
export function registerPanel(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panels = new Map<string, SimulationPanel>();
  const offer = new NextRunOffer((uri) => panels.has(uri.toString()), NEXT_RUN_COMMAND);
  const forget = (p: SimulationPanel): void => {
    if (panels.get(p.documentUri.toString()) === p) panels.delete(p.documentUri.toString());
    offer.update();
  };
  const adopt = (panel: vscode.WebviewPanel, uri: vscode.Uri): SimulationPanel => {
    const p = new SimulationPanel(panel, uri, context.extensionUri, client, forget);
    panels.set(uri.toString(), p);
    offer.update();
    return p;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SIMULATE_COMMAND, async (arg?: unknown) => {
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Threadscape: open a .threads file to simulate it.');
        return;
      }
      // The server answers for open documents only.
      await vscode.workspace.openTextDocument(uri);
      const existing = panels.get(uri.toString());
      if (existing) {
        existing.reveal();
        return;
      }
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Simulation',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(context.extensionUri),
      );
      adopt(panel, uri);
    }),
    vscode.commands.registerCommand(NEXT_RUN_COMMAND, () => {
      const editor = vscode.window.activeTextEditor;
      const panel = editor ? panels.get(editor.document.uri.toString()) : undefined;
      if (!editor || !panel) {
        void vscode.window.showInformationMessage(
          'Threadscape: simulate the file first (Threadscape: Simulate), then go to the next time a thread runs a statement.',
        );
        return;
      }
      panel.nextRun(editor.selection.active);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        // Nothing to restore from, or a document the panel may not open: it is closed.
        if (!isWebviewState(state) || !isRestorableUri(state.uri, openUntitled())) {
          panel.dispose();
          return;
        }
        let uri: vscode.Uri;
        try {
          uri = vscode.Uri.parse(state.uri, true);
          await vscode.workspace.openTextDocument(uri);
        } catch {
          panel.dispose();
          return;
        }
        panels.get(uri.toString())?.dispose();
        adopt(panel, uri);
      },
    }),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
    // After the panels: closing them updates the offer.
    offer,
  );
}
