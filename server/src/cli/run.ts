/**
 * `threadscape run FILE`: simulate once; a readable summary and the diagnostics, or CLI.md's
 * JSON with --json. A file with text errors is not simulated (`"outcome": null`, exit 1).
 */
import { basename } from 'node:path';
import { checkText } from '../core';
import type { Diagnostic } from '../language/diagnostic';
import type { SimulationOptions } from '../simulator';
import { cliThread } from '../simulator/trace';
import { readScenario, UsageError, type CommandOptions } from './options';
import { parseChoicesFile, replayHook, type Replay } from '../explorer/replay';
import { formatDiagnostic } from './format';
import { formatSummary } from './summary';
import { writeChromeTrace } from './trace-chrome';
import { writeHtmlReport } from './html';

function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: d.range,
    time: d.time,
    relatedInformation: d.relatedInformation,
  };
}

/** Reads a choices file for `--replay`, or throws a UsageError naming what is wrong. */
function readReplay(path: string): Replay {
  let json: unknown;
  try {
    json = JSON.parse(readScenario(path));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const parsed = parseChoicesFile(json);
  if (typeof parsed === 'string') throw new UsageError(`${path}: ${parsed}`);
  return replayHook(parsed);
}

export async function runCommand(file: string, opts: CommandOptions): Promise<number> {
  const text = readScenario(file);
  const name = basename(file);
  const replay = opts.replay !== undefined ? readReplay(opts.replay) : null;
  const simulation: SimulationOptions = {
    seed: opts.seed,
    horizon: opts.horizon,
    maxEvents: opts.maxEvents,
    scenarioName: name,
    choose: replay?.hook,
    // The summary's Gantt chart and the playback page need spans; --json needs none.
    record: {
      events: opts.events || opts.trace !== undefined || opts.html !== undefined,
      spans: !opts.json || opts.trace !== undefined || opts.html !== undefined,
    },
  };
  const { compilation, diagnostics, result } = checkText(text, { simulate: true, simulation });
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const diverged = replay?.mismatch();
  if (diverged)
    process.stderr.write(
      `threadscape: the replay does not match this scenario (${diverged}); the rest of the run took the default choices\n`,
    );
  if (opts.json) {
    const out = {
      scenario: result?.scenario ?? compilation.model?.title ?? name,
      outcome: result?.outcome ?? null,
      endTime: result?.endTime ?? null,
      threads: result?.threads.map(cliThread) ?? [],
      cpus: result?.cpus ?? [],
      counters: result?.counters ?? null,
      diagnostics: diagnostics.map(jsonDiagnostic),
      events: opts.events ? (result?.events ?? []) : null,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    if (result) process.stdout.write(formatSummary(result));
    else process.stdout.write(`${name}: not simulated (the text has errors)\n`);
    if (diagnostics.length > 0) process.stdout.write('\n');
    for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(file, d)}\n`);
  }
  if (result && compilation.model) {
    if (opts.trace !== undefined) writeChromeTrace(opts.trace, result);
    if (opts.html !== undefined)
      writeHtmlReport(opts.html, { fileName: name, text, result, model: compilation.model, options: simulation });
  } else if (opts.trace !== undefined || opts.html !== undefined) {
    process.stderr.write(`threadscape: ${file} has text errors; no trace or page written\n`);
  }
  return hasError ? 1 : 0;
}
