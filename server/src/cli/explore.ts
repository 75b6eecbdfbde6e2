/**
 * `threadscape explore FILE`: searches the schedules the file allows (LANGUAGE.md §7) and
 * reports deadlocks, hangs and inversions that some schedule reaches and the default one does not.
 */
import { basename } from 'node:path';
import { compile } from '../language';
import { compareDiagnostics } from '../language/diagnostic';
import { explore, findingToDiagnostic, type ExploreResult } from '../explorer';
import { count, formatDiagnostic } from './format';
import { readScenario, type CommandOptions } from './options';

export interface ExploreCommandOptions extends CommandOptions {
  maxSchedules?: number;
  timeLimit?: number;
}

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
  const deadline = opts.timeLimit === undefined ? Infinity : Date.now() + opts.timeLimit * 1000;
  const progress = process.stderr.isTTY === true;
  const result = explore(model, {
    maxSchedules: opts.maxSchedules,
    simulation: { seed: opts.seed, horizon: opts.horizon, maxEvents: opts.maxEvents, scenarioName: basename(file) },
    shouldStop: deadline === Infinity ? undefined : () => Date.now() > deadline,
    onSchedule: progress
      ? (n, found) => {
          if (n % 50 === 0) process.stderr.write(`\rexplored ${count(n, 'schedule')}, ${count(found, 'finding')}…`);
        }
      : undefined,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  if (opts.json) {
    process.stdout.write(JSON.stringify(toJson(result), null, 2) + '\n');
  } else {
    printText(file, result);
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function toJson(r: ExploreResult) {
  return {
    schedules: r.schedules,
    states: r.states,
    complete: r.complete,
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

function printText(file: string, r: ExploreResult): void {
  const how = r.complete ? 'every schedule' : 'stopped by a limit or sampled wide ranges';
  process.stdout.write(
    `${count(r.schedules, 'schedule')} explored (${count(r.states, 'choice point')}; ${how}); default outcome: ${r.baseline}\n`,
  );
  if (r.findings.length === 0) {
    process.stdout.write('no deadlock, hang or inversion beyond what the default schedule shows\n');
    return;
  }
  for (const f of r.findings) {
    process.stdout.write(formatDiagnostic(file, findingToDiagnostic(f)) + '\n');
    process.stdout.write(`  replay: ${JSON.stringify({ version: 2, choices: f.choices })}\n`);
  }
}
