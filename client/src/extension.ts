import type * as vscode from 'vscode';
import { startLanguageClient, stopLanguageClient } from './language-client';
import { registerPanel } from './panel/register';

/** Activation: start the language server, then register the playback panel. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const client = await startLanguageClient(context);
  registerPanel(context, client);
}

export async function deactivate(): Promise<void> {
  await stopLanguageClient();
}
