/** What every feature of the language server shares. */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticTiers } from './diagnostics';
import type { DocumentStore } from './document-store';
import type { ServerSettings } from './settings';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  tiers: DiagnosticTiers;
  settings(): ServerSettings;
}
