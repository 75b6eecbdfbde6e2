/**
 * `threadscape explore FILE`: the model checker (LANGUAGE.md §7). It searches every schedule the
 * file allows (reduced by state hashing, partial-order and symmetry reduction) for deadlocks,
 * hangs, unbounded inversions and faults that the default schedule does not show. Progress goes
 * to stderr once a second; a complete search with no finding is a proof, said in those words.
 * The search stops at its time limit (`--time-limit`, 60 s by default; this host reads the clock
 * at every poll of the core), when its visited states fill `--max-memory` (512 MiB by default),
 * and when the whole process's memory passes twice that (a single run that grows, whatever the
 * table holds).
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile } from '../language';
import { compareDiagnostics } from '../language/diagnostic';
import { explore, findingToDiagnostic, type ExploreProgress, type ExploreResult } from '../explorer';
import type { CommandOptions } from './args';
import { readInput } from './files';
import { count, formatDiagnostic } from './format';
import { out } from './stdout';

/** The proof a complete search gives when it finds nothing. */
export const PROOF = 'no deadlock, hang or unbounded inversion in any schedule';

/** Runs the search and prints the findings; exit 1 when an error-severity finding or text error exists. */
/**
 * A stop callback for the core that reads the clock at every poll and the process's resident
 * memory at most every 50 ms; `hit` says which limit stopped the search.
 */
export function searchLimits(
  timeLimitS: number,
  maxProcessMiB: number,
): { shouldStop: () => boolean; hit: () => 'time' | 'memory' | null } {
  const deadline = performance.now() + timeLimitS * 1000;
  const maxBytes = maxProcessMiB * 2 ** 20;
  let nextMemoryCheck = 0;
  let hit: 'time' | 'memory' | null = null;
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
      process.stderr.write('threadscape: the file has errors; nothing explored\n');
    }
    return 1;
  }
  const start = Date.now();
  const limits = searchLimits(opts.timeLimit, 2 * opts.maxMemory);
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
    maxBytes: opts.maxMemory * 2 ** 20,
    rangeCap: opts.rangeCap,
    all: opts.all,
    bfs: opts.bfs,
    por: opts.por,
    symmetry: opts.symmetry,
    simulation: { seed: opts.seed, horizon: opts.horizon, maxEvents: opts.maxEvents, scenarioName: basename(file) },
    shouldStop: limits.shouldStop,
    onProgress: report,
  });
  // The core counts any stop by the callback as the time limit's; the host knows which it was.
  const stopped = limits.hit() === 'memory' && !result.complete ? { ...result, stoppedBy: 'memory' as const } : result;
  if (opts.json) out(JSON.stringify(toJson(stopped), null, 2) + '\n');
  else printText(file, stopped);
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
  out(
    `${count(r.states, 'state')}, ${count(r.transitions, 'transition')}, ${count(r.schedules, 'schedule')} (${how}); ` +
      `default outcome: ${r.baseline}\n`,
  );
  out(`reductions: ${r.reductions.join('; ')}\n`);
  if (r.findings.length === 0) {
    if (r.complete && r.baseline === 'completed') out(`proof: ${PROOF}\n`);
    else if (r.complete) out('every schedule searched: nothing beyond what the default schedule shows\n');
    else out('nothing found in the part searched (not a proof)\n');
    return;
  }
  for (const f of r.findings) {
    out(formatDiagnostic(file, findingToDiagnostic(f)) + '\n');
    out(`  replay: ${JSON.stringify({ version: 2, choices: f.choices })}\n`);
  }
}
