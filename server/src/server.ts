/** The language server's entry point (`dist/server.js`, --stdio or IPC), and its exploration worker. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isExplorationJob, runExplorationJob } from './lsp/exploration-job';
import { lifecycle } from './lsp/lifecycle';
import { startServer } from './lsp/server';

// The bundle is also the background exploration's worker (exploration-runner.ts starts it with its job).
if (!isMainThread && isExplorationJob(workerData)) {
  const port = parentPort;
  runExplorationJob(workerData, (m) => port?.postMessage(m));
} else {
  const life = lifecycle();
  startServer(createConnection(ProposedFeatures.all, life.options), life);
}
