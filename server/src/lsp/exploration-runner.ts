/**
 * Starts a background exploration in a worker thread of this very bundle (server.ts switches on
 * the job it is given) and holds its hard limits: the worker is terminated a grace period past
 * its time limit, its heap is capped, and a crash or an out-of-memory end is a stop with a reason,
 * never an exception in the server. Cancelling terminates the worker at once.
 */
import { Worker } from 'node:worker_threads';
import type { ExploreResult, Finding } from '../explorer';
import type { ExplorationJob, ExplorationMessage } from './exploration-job';

/** How long past its time limit a search may run before its worker is terminated. */
export const GRACE_MS = 1000;
/** The visited set's budget of a background search. */
export const MAX_VISITED_BYTES = 64 * 2 ** 20;
/** The worker's heap: the visited set's budget and a margin for the simulator's snapshots. */
const HEAP_MIB = 64 + 192;

/** How a search ended: its result, or a hard stop with what it had posted. */
export type ExplorationEnd = { result: ExploreResult } | { stopped: string; findings: Finding[] };

export interface ExplorationRun {
  /** Terminates the worker; `done` then resolves to null. */
  cancel(): void;
  /** The end, null when cancelled; never rejects. */
  readonly done: Promise<ExplorationEnd | null>;
}

export interface RunnerOptions {
  /** The bundle to start as the worker (the running one by default). */
  script?: string;
  /** The worker's old-generation heap, in MiB. */
  heapMiB?: number;
  /** Called with each finding as the worker first finds it. */
  onFinding?: (f: Finding) => void;
}

/** Starts the job in a worker; its result, a hard stop or a cancellation settle `done` once. Never throws. */
export function runExploration(
  job: Omit<ExplorationJob, 'kind' | 'maxBytes'>,
  opts: RunnerOptions = {},
): ExplorationRun {
  let worker: Worker;
  try {
    worker = new Worker(opts.script ?? __filename, {
      workerData: { kind: 'threadscape-lsp-explore', maxBytes: MAX_VISITED_BYTES, ...job } satisfies ExplorationJob,
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMiB ?? HEAP_MIB },
      stdout: true,
      stderr: true,
    });
  } catch (e) {
    const stopped = `the search worker did not start: ${e instanceof Error ? e.message : String(e)}`;
    return { cancel: () => undefined, done: Promise.resolve({ stopped, findings: [] }) };
  }
  // The worker's own output is not the server's (stdout may be the protocol's channel).
  worker.stdout.resume();
  worker.stderr.resume();
  const findings: Finding[] = [];
  let settle: (end: ExplorationEnd | null) => void = () => undefined;
  const done = new Promise<ExplorationEnd | null>((resolve) => {
    let settled = false;
    settle = (end) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(end);
    };
    const timer = setTimeout(
      () => settle({ stopped: `it ran past its time limit (${job.timeLimit} ms)`, findings }),
      job.timeLimit + GRACE_MS,
    );
    worker.on('message', (m: ExplorationMessage) => {
      if (m.type === 'finding') {
        findings.push(m.finding);
        opts.onFinding?.(m.finding);
      } else settle({ result: m.result });
    });
    worker.on('error', (e: Error & { code?: string }) =>
      settle({
        stopped: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `the search failed: ${e.message}`,
        findings,
      }),
    );
    worker.on('exit', () => settle({ stopped: 'the search worker ended without a result', findings }));
  });
  return { cancel: () => settle(null), done };
}
