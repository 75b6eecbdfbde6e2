/**
 * The background exploration as it runs in its worker thread (the server bundle re-entered,
 * server.ts): the text compiled again, the explorer run until its time limit (the clock read at
 * every poll of the core), each problem posted as soon as it is first found, the result last.
 * The server's thread holds the hard limits (exploration-runner.ts): it terminates a worker that
 * overruns its time, and the worker's heap is capped.
 */
import { performance } from 'node:perf_hooks';
import { explore, type ExploreResult, type Finding } from '../explorer';
import { compile } from '../language';

/** What the server's thread asks of the worker. */
export interface ExplorationJob {
  kind: 'threadscape-lsp-explore';
  text: string;
  scenarioName: string;
  /** Wall-clock limit of the search, in ms. */
  timeLimit: number;
  /** Bytes the visited set may take. */
  maxBytes: number;
}

/** What the worker posts back: findings as they come, then the result. */
export type ExplorationMessage = { type: 'finding'; finding: Finding } | { type: 'done'; result: ExploreResult };

export function isExplorationJob(v: unknown): v is ExplorationJob {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'threadscape-lsp-explore';
}

/**
 * Runs the search of a job: it goes on after a finding for the problems not found yet (each
 * posted when first found), and stops at the time limit, once each problem has a finding, or
 * when the reduced space is exhausted (a proof). Throws when the text does not compile.
 */
export function runExplorationJob(job: ExplorationJob, post: (m: ExplorationMessage) => void): void {
  const model = compile(job.text).model;
  if (!model) throw new Error('the scenario does not compile in the exploration worker');
  const deadline = performance.now() + job.timeLimit;
  const result = explore(model, {
    untilEach: true,
    maxBytes: job.maxBytes,
    simulation: { scenarioName: job.scenarioName },
    shouldStop: () => performance.now() >= deadline,
    onFinding: (finding) => post({ type: 'finding', finding }),
  });
  post({ type: 'done', result });
}
