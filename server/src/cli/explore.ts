/**
 * `threadscape explore FILE`: the model checker (docs/reference/language.md §7). It searches every schedule the
 * file allows (reduced by state hashing, partial-order and symmetry reduction) for deadlocks,
 * hangs, unbounded inversions and faults that the default schedule does not show. Progress goes
 * to stderr once a second; a complete search with no finding is a proof, said in those words.
 *
 * The search runs in a worker thread (explore-job.ts) under its own limits: the time limit
 * (`--time-limit`, 60 s by default, the clock read at every poll of the core), the visited
 * states' budget (`--max-memory`, 512 MiB by default) and the process's memory (twice that).
 * This thread holds the hard limits docs/reference/cli.md promises whatever the search does between two
 * polls: the worker is stopped one second after the time limit, and its heap is capped at
 * `--max-memory` + 256 MiB; either stop is reported as an incomplete search, never a crash.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { diagnose } from '../diagnose';
import { findingToDiagnostic, stoppedSearch, type ExploreProgress, type ExploreResult } from '../explorer';
import type { CommandOptions } from './args';
import type { ExploreJob, JobMessage } from './explore-job';
import { readInput } from './files';
import { count, formatDiagnostic, jsonDiagnostic } from './format';
import { out } from './stdout';

/** How long past its time limit a search may run before its worker is stopped. */
const GRACE_MS = 1000;
/** The worker's heap beyond the visited states' budget. */
const HEAP_MARGIN_MIB = 256;

/** The proof a complete search gives when it finds nothing. */
export const PROOF = 'no deadlock, hang or unbounded inversion in any schedule';

/** A search stopped from outside: what is known of it (its last progress report). */
interface HardStop {
  reason: 'time' | 'memory';
  progress: ExploreProgress | null;
}

function progressLine(p: ExploreProgress, seconds: number): string {
  return (
    `exploring: ${count(p.states, 'state')} (${Math.round(p.states / Math.max(seconds, 1e-3))}/s), ` +
    `${count(p.transitions, 'transition')}, depth ${p.depth}, ${(p.bytes / 2 ** 20).toFixed(1)} MiB, ${seconds.toFixed(0)} s\n`
  );
}

/** Runs the job in a worker thread of this very bundle; resolves with its result or a hard stop. */
function searchInWorker(job: ExploreJob): Promise<ExploreResult | HardStop> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: job.maxMemory + HEAP_MARGIN_MIB },
    });
    let progress: ExploreProgress | null = null;
    let settled = false;
    const settle = (v: ExploreResult | HardStop | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    const timer = setTimeout(() => settle({ reason: 'time', progress }), job.deadline - Date.now() + GRACE_MS);
    worker.on('message', (m: JobMessage) => {
      if (m.type === 'progress') {
        progress = m.progress;
        process.stderr.write(progressLine(m.progress, (Date.now() - start) / 1000));
      } else settle(m.result);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      settle(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { reason: 'memory', progress } : e),
    );
    worker.on('exit', () => settle(new Error('the search worker ended without a result')));
  });
}

/**
 * Runs the search and prints the findings. Exit 1 when the file has an error-severity
 * diagnostic of any tier, as `check` and `run` count them: of the text, of the static analysis,
 * of the default schedule's run (a deadlock, a hang, a fault), or a finding of that severity.
 */
export async function exploreCommand(file: string, opts: CommandOptions): Promise<number> {
  const text = readInput(file);
  const diagnosis = diagnose(text);
  const model = diagnosis.compilation.model;
  if (!model) {
    const errors = diagnosis.diagnostics;
    if (opts.json) {
      out(JSON.stringify({ ...toJson(NOTHING_EXPLORED), diagnostics: errors.map(jsonDiagnostic) }, null, 2) + '\n');
    } else {
      for (const d of errors) out(formatDiagnostic(file, d) + '\n');
      process.stderr.write('threadscape: the file has errors; nothing explored\n');
    }
    return 1;
  }
  const outcome = await searchInWorker({
    kind: 'threadscape-explore',
    text,
    scenarioName: basename(file),
    timeLimit: opts.timeLimit,
    deadline: Date.now() + opts.timeLimit * 1000,
    maxMemory: opts.maxMemory,
    maxSchedules: opts.maxSchedules,
    rangeCap: opts.rangeCap,
    all: opts.all,
    bfs: opts.bfs,
    por: opts.por,
    symmetry: opts.symmetry,
    seed: opts.seed,
    horizon: opts.horizon,
    maxEvents: opts.maxEvents,
  });
  let result: ExploreResult;
  if ('reason' in outcome) {
    const limit =
      outcome.reason === 'time'
        ? `time limit (${opts.timeLimit} s)`
        : `memory limit (${opts.maxMemory + HEAP_MARGIN_MIB} MiB of heap)`;
    process.stderr.write(
      `threadscape: the search was stopped at its ${limit} in the middle of a step; what it had found is lost\n`,
    );
    result = stoppedSearch(outcome.reason, outcome.progress);
  } else result = outcome;
  const analysisErrors = diagnosis.analysis.filter((d) => d.severity === 'error');
  if (opts.json)
    out(JSON.stringify({ ...toJson(result), diagnostics: diagnosis.diagnostics.map(jsonDiagnostic) }, null, 2) + '\n');
  else {
    // The errors that decide the status before any search: the analysis's (the default
    // schedule's are named by its outcome, the findings' are printed below).
    for (const d of analysisErrors) out(formatDiagnostic(file, d) + '\n');
    printText(file, result);
  }
  const errors =
    analysisErrors.length + result.baselineErrors.length + result.findings.filter((f) => f.severity === 'error').length;
  return errors > 0 ? 1 : 0;
}

function toJson(r: ExploreResult) {
  return {
    schedules: r.schedules,
    states: r.states,
    transitions: r.transitions,
    complete: r.complete,
    stoppedBy: r.stoppedBy,
    baseline: r.baseline,
    baselineErrors: r.baselineErrors,
    reductions: r.reductions,
    bytesPerState: Math.round(r.bytesPerState * 10) / 10,
    memory: r.bytes,
    depth: r.depth,
    findings: r.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      choices: f.choices,
      range: f.range,
      time: f.time,
    })),
  };
}

/** The search of a file with text errors: none, every figure zero. */
const NOTHING_EXPLORED: ExploreResult = { ...stoppedSearch('time'), stoppedBy: null };

const STOPPED = {
  time: 'the time limit stopped it',
  memory: 'the memory limit stopped it',
  schedules: 'the schedule limit stopped it',
  finding: 'it stopped at the first finding (--all searches on)',
} as const;

/** True when the search looked for every problem the proof names (the default schedule showed none of them). */
function provesAll(r: ExploreResult): boolean {
  return (['deadlock-reachable', 'hang-reachable', 'inversion-reachable'] as const).every((c) =>
    r.searched.includes(c),
  );
}

function printText(file: string, r: ExploreResult): void {
  const how = r.complete
    ? 'the whole space'
    : r.stoppedBy !== null
      ? `incomplete: ${STOPPED[r.stoppedBy]}`
      : 'incomplete: wide ranges were sampled (--range-cap)';
  out(
    `${count(r.states, 'state')}, ${count(r.transitions, 'transition')}, ${count(r.schedules, 'schedule')} (${how}); ` +
      `default outcome: ${r.baseline ?? 'not known (stopped during the default schedule)'}\n`,
  );
  if (r.reductions.length > 0) out(`reductions: ${r.reductions.join('; ')}\n`);
  if (r.findings.length === 0) {
    if (r.complete && r.baseline === 'completed' && provesAll(r)) out(`proof: ${PROOF}\n`);
    else if (r.complete) out('every schedule searched: nothing beyond what the default schedule shows\n');
    else out('nothing found in the part searched (not a proof)\n');
    return;
  }
  for (const f of r.findings) {
    out(formatDiagnostic(file, findingToDiagnostic(f)) + '\n');
    out(`  replay: ${JSON.stringify({ version: 2, choices: f.choices })}\n`);
  }
}
