/**
 * `threadscape explore FILE`: the model checker (LANGUAGE.md §7). It searches every schedule the
 * file allows (reduced by state hashing, partial-order and symmetry reduction) for deadlocks,
 * hangs, unbounded inversions and faults that the default schedule does not show. Progress goes
 * to stderr once a second; a complete search with no finding is a proof, said in those words.
 */
import { basename } from 'node:path';
import { compile } from '../language';
import { compareDiagnostics } from '../language/diagnostic';
import { explore, findingToDiagnostic, type ExploreProgress, type ExploreResult } from '../explorer';
import { count, formatDiagnostic } from './format';
import { readScenario, type CommandOptions } from './options';

export interface ExploreCommandOptions extends CommandOptions {
  maxSchedules?: number;
  /** Seconds (default 60). */
  timeLimit?: number;
  /** MiB for the visited states (default 512). */
  maxMemory?: number;
  rangeCap?: number;
  all?: boolean;
  bfs?: boolean;
  por?: boolean;
  symmetry?: boolean;
}

/** The proof a complete search gives when it finds nothing. */
export const PROOF = 'no deadlock, hang or unbounded inversion in any schedule';

/** Runs the search and prints the findings; exit 1 when an error-severity finding or text error exists. */
export async function exploreCommand(file: string, opts: ExploreCommandOptions): Promise<number> {
  const text = readScenario(file);
  const { diagnostics, model } = compile(text);
  if (!model) {
    const errors = diagnostics.sort(compareDiagnostics);
    if (opts.json) {
      process.stdout.write(
        JSON.stringify({ schedules: 0, states: 0, complete: false, findings: [], diagnostics: errors }, null, 2) + '\n',
      );
    } else {
      for (const d of errors) process.stdout.write(formatDiagnostic(file, d) + '\n');
      process.stderr.write(`threadscape: ${file} has errors; nothing explored\n`);
    }
    return 1;
  }
  const start = Date.now();
  const deadline = start + (opts.timeLimit ?? 60) * 1000;
  let lastReport = start;
  const report = (p: ExploreProgress): void => {
    const now = Date.now();
    if (now - lastReport < 1000) return;
    lastReport = now;
    const secs = (now - start) / 1000;
    process.stderr.write(
      `exploring: ${count(p.states, 'state')} (${Math.round(p.states / secs)}/s), ${count(p.transitions, 'transition')}, ` +
        `depth ${p.depth}, ${(p.bytes / 2 ** 20).toFixed(1)} MiB, ${secs.toFixed(0)} s\n`,
    );
  };
  const result = explore(model, {
    maxSchedules: opts.maxSchedules,
    maxBytes: (opts.maxMemory ?? 512) * 2 ** 20,
    rangeCap: opts.rangeCap,
    all: opts.all,
    bfs: opts.bfs,
    por: opts.por,
    symmetry: opts.symmetry,
    simulation: { seed: opts.seed, horizon: opts.horizon, maxEvents: opts.maxEvents, scenarioName: basename(file) },
    shouldStop: () => Date.now() > deadline,
    onProgress: report,
  });
  if (opts.json) process.stdout.write(JSON.stringify(toJson(result), null, 2) + '\n');
  else printText(file, result);
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function toJson(r: ExploreResult) {
  return {
    schedules: r.schedules,
    states: r.states,
    transitions: r.transitions,
    complete: r.complete,
    stoppedBy: r.stoppedBy,
    baseline: r.baseline,
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

const STOPPED = {
  time: 'the time limit stopped it',
  memory: 'the memory limit stopped it',
  schedules: 'the schedule limit stopped it',
  finding: 'it stopped at the first finding (--all searches on)',
} as const;

function printText(file: string, r: ExploreResult): void {
  const how = r.complete
    ? 'the whole space'
    : r.stoppedBy !== null
      ? `incomplete: ${STOPPED[r.stoppedBy]}`
      : 'incomplete: wide ranges were sampled (--range-cap)';
  process.stdout.write(
    `${count(r.states, 'state')}, ${count(r.transitions, 'transition')}, ${count(r.schedules, 'schedule')} (${how}); ` +
      `default outcome: ${r.baseline}\n`,
  );
  process.stdout.write(`reductions: ${r.reductions.join('; ')}\n`);
  if (r.findings.length === 0) {
    if (r.complete && r.baseline === 'completed') process.stdout.write(`proof: ${PROOF}\n`);
    else if (r.complete)
      process.stdout.write('every schedule searched: nothing beyond what the default schedule shows\n');
    else process.stdout.write('nothing found in the part searched (not a proof)\n');
    return;
  }
  for (const f of r.findings) {
    process.stdout.write(formatDiagnostic(file, findingToDiagnostic(f)) + '\n');
    process.stdout.write(`  replay: ${JSON.stringify({ version: 2, choices: f.choices })}\n`);
  }
}
