/**
 * "Threadscape: Simulate" (`threadscape.simulate`): opens, or brings forward, the one playback
 * panel of a document, beside the editor. Also restores panels after a reload through a
 * WebviewPanelSerializer, from the state the webview saved with setState.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isWebviewState } from '../protocol';
import { registerModeCommands } from './mode-commands';
import { NextRunOffer } from './next-run';
import { targetUri } from './target';
import { SimulationPanel, VIEW_TYPE, webviewOptions } from './simulation-panel';

export const SIMULATE_COMMAND = 'threadscape.simulate';

/** "Threadscape: Go to the Next Time a Thread Runs This" (editor context menu). */
export const NEXT_RUN_COMMAND = 'threadscape.nextRun';

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

  /** The document's panel, brought forward, or a new one beside the editor. */
  const show = async (uri: vscode.Uri): Promise<SimulationPanel> => {
    // The server answers for open documents only.
    await vscode.workspace.openTextDocument(uri);
    const existing = panels.get(uri.toString());
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Simulation',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    return adopt(panel, uri);
  };

  registerModeCommands(context, show);
  context.subscriptions.push(
    vscode.commands.registerCommand(SIMULATE_COMMAND, async (arg?: unknown) => {
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('Threadscape: open a .threads file to simulate it.');
        return;
      }
      await show(uri);
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
        if (!isWebviewState(state)) {
          // Nothing to restore from: a panel that cannot know its document is closed.
          panel.dispose();
          return;
        }
        const uri = vscode.Uri.parse(state.uri);
        try {
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
