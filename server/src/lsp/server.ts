/** The language server: one connection, one file per feature (ARCHITECTURE.md). */
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './code-lens';
import { registerCompletion } from './completion';
import type { ServerContext } from './context';
import { DiagnosticTiers } from './diagnostics';
import { DocumentStore } from './document-store';
import { registerDocumentSymbols } from './document-symbols';
import { benchEnabled, registerHeapRequest } from './heap-request';
import { registerFormatting } from './formatting';
import { registerHover } from './hover';
import { registerModelRequest } from './model-request';
import { registerNavigation } from './navigation';
import { registerRename } from './rename';
import { registerSemanticTokens, SEMANTIC_LEGEND } from './semantic-tokens';
import type { Lifecycle } from './lifecycle';
import { DEFAULT_SETTINGS, parseSettings, type ServerSettings } from './settings';

/**
 * Wires every feature to the connection and starts listening. `life` is the lifecycle whose
 * options made the connection (requests before `initialize` are refused).
 */
export function startServer(connection: Connection, life: Lifecycle): void {
  life.register(connection);
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const store = new DocumentStore(documents, (uri, message) =>
    connection.console.error(`threadscape: internal error on ${uri}: ${message}`),
  );
  const tiers = new DiagnosticTiers(connection, store, () => settings);
  const ctx: ServerContext = { connection, documents, store, tiers, settings: () => settings };

  connection.onInitialize((params): InitializeResult => {
    settings = parseSettings(params.initializationOptions, settings);
    tiers.exploration.lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    life.initialized();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', '['] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
      },
      serverInfo: { name: 'threadscape' },
    };
  });
  connection.onDidChangeConfiguration((params) => {
    const raw: unknown = params.settings;
    const section = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).threadscape : undefined;
    if (section === undefined) return;
    settings = parseSettings(section, settings);
    tiers.refresh(documents.keys());
  });

  // Fired on open too.
  documents.onDidChangeContent((e) => tiers.changed(e.document.uri));
  documents.onDidClose((e) => {
    tiers.closed(e.document.uri);
    store.forget(e.document.uri);
  });
  connection.onShutdown(() => tiers.dispose());
  // `exit` ends the process (and its exploration workers with it); they are stopped first all the same.
  connection.onExit(() => tiers.dispose());

  registerCompletion(ctx);
  registerHover(ctx);
  registerNavigation(ctx);
  registerRename(ctx);
  registerDocumentSymbols(ctx);
  registerCodeActions(ctx);
  registerCodeLens(ctx);
  registerSemanticTokens(ctx);
  registerFormatting(ctx);
  registerModelRequest(ctx);
  if (benchEnabled()) registerHeapRequest(ctx);

  documents.listen(connection);
  connection.listen();
}
