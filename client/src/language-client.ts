import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ExplorationNotification,
  OutcomeNotification,
  type ExplorationParams,
  type OutcomeParams,
} from '@server/lsp/protocol';
import { ExplorationStatusBar } from './exploration-status';
import { OutcomeStatusBar } from './status-bar';

let client: LanguageClient | undefined;

const outcomes = new vscode.EventEmitter<OutcomeParams>();
/** The outcome of every background run the server reports (status bar, walkthrough progress). */
export const onOutcome: vscode.Event<OutcomeParams> = outcomes.event;

const explorations = new vscode.EventEmitter<ExplorationParams>();
/**
 * Every report of the background exploration (status bar, the panel's findings list). The
 * client holds one handler per notification method: subscribe here, not on the client.
 */
export const onExploration: vscode.Event<ExplorationParams> = explorations.event;

/** The server's own settings, also sent at start as initialization options. */
function simulationSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('threadscape.simulation');
  const e = vscode.workspace.getConfiguration('threadscape.exploration');
  return {
    simulation: { enabled: c.get('enabled'), delay: c.get('delay'), timeLimit: c.get('timeLimit') },
    exploration: { enabled: e.get('enabled'), timeLimit: e.get('timeLimit') },
  };
}

/**
 * Starts dist/server.js over IPC for every `threadscape` document, with the outcome and
 * exploration status bar items. `threadscape.trace.server` is read by LanguageClient itself (from the client's id).
 */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'threadscape' }],
    initializationOptions: simulationSettings(),
    synchronize: { configurationSection: 'threadscape' },
  };
  client = new LanguageClient('threadscape', 'Threadscape', serverOptions, clientOptions);
  const statusBar = new OutcomeStatusBar();
  const explorationBar = new ExplorationStatusBar();
  context.subscriptions.push(
    statusBar,
    explorationBar,
    client.onNotification(OutcomeNotification, (o) => {
      statusBar.update(o);
      outcomes.fire(o);
    }),
    client.onNotification(ExplorationNotification, (e) => {
      explorationBar.update(e);
      explorations.fire(e);
    }),
  );
  await client.start();
  return client;
}

/** Stops the server (deactivation). */
export async function stopLanguageClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
