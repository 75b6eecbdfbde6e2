/** The language server's entry point (`dist/server.js`, --stdio or IPC). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { lifecycle } from './lsp/lifecycle';
import { startServer } from './lsp/server';

const life = lifecycle();
startServer(createConnection(ProposedFeatures.all, life.options), life);
