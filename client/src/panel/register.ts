/**
 * "Threadscape: Simulate" (`threadscape.simulate`): opens, or brings forward, the one playback
 * panel of a document, beside the editor. Also restores panels after a reload through a
 * WebviewPanelSerializer, from the state the webview saved with setState (restore.ts says
 * which documents a saved state may reopen).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SIMULATE_COMMAND, type ExplorationParams } from '@server/lsp/protocol';
import { isWebviewState } from '../protocol';
import { findingsMessage } from './findings';
import { registerModeCommands } from './mode-commands';
import { isRestorableUri } from './restore';
import { NextRunOffer } from './next-run';
import { targetUri, trackFocusedDocument } from './target';
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
 * Registers the command, the serializer and the panels' bookkeeping; each report of the
 * background exploration goes to its document's panel as the findings list (a panel opened
 * later gets the last one).
 */
export function registerPanel(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  explorations: vscode.Event<ExplorationParams>,
): void {
  const panels = new Map<string, SimulationPanel>();
  const lastExploration = new Map<string, ExplorationParams>();
  const offer = new NextRunOffer((uri) => panels.has(uri.toString()), NEXT_RUN_COMMAND);
  const forget = (p: SimulationPanel): void => {
    if (panels.get(p.documentUri.toString()) === p) panels.delete(p.documentUri.toString());
    offer.update();
  };
  const adopt = (panel: vscode.WebviewPanel, uri: vscode.Uri): SimulationPanel => {
    const p = new SimulationPanel(panel, uri, context.extensionUri, client, forget);
    panels.set(uri.toString(), p);
    offer.update();
    const explored = lastExploration.get(uri.toString());
    if (explored) p.setFindings(findingsMessage(explored));
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

  trackFocusedDocument(context);
  registerModeCommands(context, show);
  context.subscriptions.push(
    explorations((e) => {
      lastExploration.set(e.uri, e);
      panels.get(e.uri)?.setFindings(findingsMessage(e));
    }),
    vscode.workspace.onDidCloseTextDocument((d) => lastExploration.delete(d.uri.toString())),
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
