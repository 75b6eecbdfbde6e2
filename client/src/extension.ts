import type * as vscode from 'vscode';
import { registerAuthoringCommands } from './authoring/commands';
import { DeadlockFixedWatch } from './authoring/deadlock-fixed';
import { watchDiagnosticSeen } from './authoring/diagnostic-seen';
import { onExploration, onOutcome, startLanguageClient, stopLanguageClient } from './language-client';
import { registerPanel } from './panel/register';

/** Activation: the first-hour commands, the language server, then the playback panel. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerAuthoringCommands(context);
  watchDiagnosticSeen(context);
  const watch = new DeadlockFixedWatch();
  context.subscriptions.push(onOutcome((o) => watch.outcome(o)));
  const client = await startLanguageClient(context);
  registerPanel(context, client, onExploration);
}

export async function deactivate(): Promise<void> {
  await stopLanguageClient();
}
