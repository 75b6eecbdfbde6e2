// The fuzz benchmark's worker process: runs each input it is sent through every host's path
// (server/test/support/pipeline-check.ts) and answers with the time and what went wrong.
import { performance } from 'node:perf_hooks';
import { pipelineChecker } from '../server/test/support/pipeline-check';

export interface FuzzJob {
  id: number;
  text: string;
}

export interface FuzzAnswer {
  id: number;
  ms: number;
  problems: string[];
  /** The exception's message and first stack line, when one escaped. */
  exception: string | null;
  outcome: string | null;
}

const check = pipelineChecker({ maxRecorded: 1_000_000 });

process.on('message', (job: FuzzJob) => {
  const start = performance.now();
  let answer: FuzzAnswer;
  try {
    const r = check(job.text);
    answer = { id: job.id, ms: performance.now() - start, problems: r.problems, exception: null, outcome: r.outcome };
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message} ${e.stack?.split('\n')[1]?.trim() ?? ''}` : String(e);
    answer = { id: job.id, ms: performance.now() - start, problems: [], exception: what, outcome: null };
  }
  process.send?.(answer);
});
