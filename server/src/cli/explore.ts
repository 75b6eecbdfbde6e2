/**
 * `threadscape explore FILE`: searches the schedules the file allows (LANGUAGE.md §7) and
 * reports deadlocks, hangs and inversions that some schedule reaches and the default one does
 * not. The search stops at its time limit (`--time-limit`, 60 s by default) and when the
 * process's memory passes `--max-memory` (512 MiB by default): this host's stop callback reads
 * the clock at every poll of the core and the memory at most every 50 ms.
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile } from '../language';
import { compareDiagnostics } from '../language/diagnostic';
import { explore, findingToDiagnostic, type ExploreResult } from '../explorer';
import type { CommandOptions } from './args';
import { readInput } from './files';
import { formatDiagnostic } from './format';
import { out } from './stdout';

/** Why a search stopped early, if a limit of this host stopped it. */
type Limit = 'time' | 'memory' | null;

/** A stop callback for the core that watches the clock and the process's memory. */
export function searchLimits(
  timeLimitS: number,
  maxMemoryMiB: number,
): { shouldStop: () => boolean; hit: () => Limit } {
  const deadline = performance.now() + timeLimitS * 1000;
  const maxBytes = maxMemoryMiB * 1024 * 1024;
  let nextMemoryCheck = 0;
  let hit: Limit = null;
  const shouldStop = (): boolean => {
    if (hit) return true;
    const now = performance.now();
    if (now >= deadline) hit = 'time';
    else if (now >= nextMemoryCheck) {
      nextMemoryCheck = now + 50;
      if (process.memoryUsage.rss() > maxBytes) hit = 'memory';
    }
    return hit !== null;
  };
  return { shouldStop, hit: () => hit };
}

/** Runs the search and prints the findings; exit 1 when an error-severity finding or text error exists. */
export async function exploreCommand(file: string, opts: CommandOptions): Promise<number> {
  const text = readInput(file);
  const { diagnostics, model } = compile(text);
  if (!model) {
    const errors = diagnostics.sort(compareDiagnostics);
    if (opts.json) {
      out(
        JSON.stringify({ schedules: 0, states: 0, complete: false, findings: [], diagnostics: errors }, null, 2) + '\n',
      );
    } else {
      for (const d of errors) out(formatDiagnostic(file, d) + '\n');
      process.stderr.write(`threadscape: the file has errors; nothing explored\n`);
    }
    return 1;
  }
  const limits = searchLimits(opts.timeLimit, opts.maxMemory);
  const progress = process.stderr.isTTY === true;
  const result = explore(model, {
    maxSchedules: opts.maxSchedules,
    simulation: { seed: opts.seed, horizon: opts.horizon, maxEvents: opts.maxEvents, scenarioName: basename(file) },
    shouldStop: limits.shouldStop,
    onSchedule: progress
      ? (n, found) => {
          if (n % 50 === 0) process.stderr.write(`\rexplored ${n} schedules, ${found} finding(s)…`);
        }
      : undefined,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const hit = limits.hit();
  if (hit === 'time') process.stderr.write(`threadscape: the search stopped at its time limit (${opts.timeLimit} s)\n`);
  if (hit === 'memory')
    process.stderr.write(`threadscape: the search stopped at its memory limit (${opts.maxMemory} MiB)\n`);
  if (opts.json) out(JSON.stringify(toJson(result), null, 2) + '\n');
  else printText(file, result);
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
  // Before the first schedule ends there is no default outcome to speak of.
  const baseline = r.schedules === 0 ? 'not reached (stopped inside the default schedule)' : r.baseline;
  out(`${r.schedules} schedules explored (${r.states} choice points; ${how}); default outcome: ${baseline}\n`);
  if (r.findings.length === 0) {
    out('no deadlock, hang or inversion beyond what the default schedule shows\n');
    return;
  }
  for (const f of r.findings) {
    out(formatDiagnostic(file, findingToDiagnostic(f)) + '\n');
    out(`  replay: ${JSON.stringify({ version: 2, choices: f.choices })}\n`);
  }
}
