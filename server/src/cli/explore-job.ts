/**
 * The search of `threadscape explore`, as it runs in its worker thread (explore.ts starts it):
 * the text compiled again, the explorer run under this thread's own limits (the clock at every
 * poll of the core, the process's memory every 50 ms), progress and the result posted back.
 * The command's thread keeps the hard limits: it stops a worker that overruns its time, and
 * the worker's heap is capped, so no search can hang or exhaust the command.
 */
import { performance } from 'node:perf_hooks';
import { explore, type ExploreProgress, type ExploreResult } from '../explorer';
import { compile } from '../language';

/** What the command's thread asks of the worker. */
export interface ExploreJob {
  kind: 'threadscape-explore';
  text: string;
  scenarioName: string;
  timeLimit: number;
  /** When the time limit ends, in ms since the epoch (the command's clock, so that both threads agree). */
  deadline: number;
  maxMemory: number;
  maxSchedules?: number;
  rangeCap?: number;
  all: boolean;
  bfs: boolean;
  por: boolean;
  symmetry: boolean;
  seed?: number;
  horizon?: number;
  maxEvents?: number;
}

/** What the worker posts back. */
export type JobMessage = { type: 'progress'; progress: ExploreProgress } | { type: 'done'; result: ExploreResult };

export function isExploreJob(v: unknown): v is ExploreJob {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'threadscape-explore';
}

/**
 * A stop callback for the core that reads the clock at every poll and the process's resident
 * memory at most every 50 ms; `hit` says which limit stopped the search.
 */
export function searchLimits(
  deadline: number,
  maxProcessMiB: number,
): { shouldStop: () => boolean; hit: () => 'time' | 'memory' | null } {
  const maxBytes = maxProcessMiB * 2 ** 20;
  let nextMemoryCheck = 0;
  let hit: 'time' | 'memory' | null = null;
  const shouldStop = (): boolean => {
    if (hit) return true;
    const now = Date.now();
    if (now >= deadline) hit = 'time';
    else if (now >= nextMemoryCheck) {
      nextMemoryCheck = now + 50;
      if (process.memoryUsage.rss() > maxBytes) hit = 'memory';
    }
    return hit !== null;
  };
  return { shouldStop, hit: () => hit };
}

/** Runs the search of a job, posting its progress (at most once a second) and its result. */
export function runExploreJob(job: ExploreJob, post: (m: JobMessage) => void): void {
  const model = compile(job.text).model;
  if (!model) throw new Error('the scenario does not compile in the search worker');
  const limits = searchLimits(job.deadline, 2 * job.maxMemory);
  let last = performance.now();
  const result = explore(model, {
    maxSchedules: job.maxSchedules,
    maxBytes: job.maxMemory * 2 ** 20,
    rangeCap: job.rangeCap,
    all: job.all,
    bfs: job.bfs,
    por: job.por,
    symmetry: job.symmetry,
    simulation: { seed: job.seed, horizon: job.horizon, maxEvents: job.maxEvents, scenarioName: job.scenarioName },
    shouldStop: limits.shouldStop,
    onProgress: (progress) => {
      const now = performance.now();
      if (now - last < 1000) return;
      last = now;
      post({ type: 'progress', progress });
    },
  });
  // The core counts any stop by the callback as the time limit's; this thread knows which it was.
  post({
    type: 'done',
    result: limits.hit() === 'memory' && !result.complete ? { ...result, stoppedBy: 'memory' } : result,
  });
}
