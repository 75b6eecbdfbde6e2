/**
 * `threadscape run FILE`: simulate once; a readable summary and the diagnostics, or docs/reference/cli.md's
 * JSON with --json. The text is diagnosed and simulated once, recording what the outputs asked
 * for (events for --events, --trace and --html, spans for the summary, --trace and --html), and
 * every output is made from that one run. A file with text errors is not simulated
 * (`"outcome": null`, exit 1).
 */
import { basename } from 'node:path';
import { diagnose, withRun } from '../diagnose';
import type { Diagnostic } from '../language/diagnostic';
import { escapeControls } from '../language/escape';
import { simulate, type RunResult, type SimulationOptions } from '../simulator';
import { cliThread } from '../simulator/trace';
import { parseChoicesFile, replayHook, type Replay } from '../explorer/replay';
import type { CommandOptions } from './args';
import { internalFailure, UsageError } from './errors';
import { checkOutputs, readInput, type NamedFile } from './files';
import { formatDiagnostic, jsonDiagnostic } from './format';
import { readWebviewAssets, writeHtmlReport } from './html';
import { recordingOf, recordingNote } from './recording';
import { out, outText } from './stdout';
import { formatSummary } from './summary';
import { writeChromeTrace } from './trace-chrome';

/** Reads a choices file for `--replay`, or throws a UsageError naming what is wrong. */
function readReplay(path: string): Replay {
  let json: unknown;
  try {
    json = JSON.parse(readInput(path));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const parsed = parseChoicesFile(json);
  if (typeof parsed === 'string') throw new UsageError(`${path}: ${parsed}`);
  return replayHook(parsed);
}

function printJson(
  name: string,
  title: string | null,
  result: RunResult | null,
  diags: Diagnostic[],
  opts: CommandOptions,
): void {
  const json = {
    scenario: result?.scenario ?? title ?? name,
    outcome: result?.outcome ?? null,
    endTime: result?.endTime ?? null,
    threads: result?.threads.map(cliThread) ?? [],
    cpus: result?.cpus ?? [],
    counters: result?.counters ?? null,
    diagnostics: diags.map(jsonDiagnostic),
    recording: recordingOf(result),
    events: null,
  };
  const head = JSON.stringify(json, null, 2);
  const events = opts.events ? (result?.events ?? []) : null;
  if (events === null || events.length === 0) {
    out(`${events === null ? head : head.replace(/null\n}$/, '[]\n}')}\n`);
    return;
  }
  // The events, up to a million, are written a chunk at a time: the same text as one
  // JSON.stringify of the whole, without holding it all in memory.
  out(`${head.slice(0, -'null\n}'.length)}[\n`);
  const CHUNK = 1000;
  for (let i = 0; i < events.length; i += CHUNK) {
    const part = events.slice(i, i + CHUNK).map((e) => `    ${JSON.stringify(e, null, 2).replace(/\n/g, '\n    ')}`);
    out(`${part.join(',\n')}${i + CHUNK < events.length ? ',' : ''}\n`);
  }
  out('  ]\n}\n');
}

function printText(file: string, result: RunResult | null, diags: Diagnostic[]): void {
  if (result) {
    outText(formatSummary(result));
    const note = recordingNote(recordingOf(result));
    if (note) outText(`${note}\n`);
  } else out(`${escapeControls(basename(file))}: not simulated (the text has errors)\n`);
  if (diags.length > 0) out('\n');
  for (const d of diags) out(`${formatDiagnostic(file, d)}\n`);
}

export async function runCommand(file: string, opts: CommandOptions): Promise<number> {
  const inputs: NamedFile[] = [{ role: 'the scenario file', path: file }];
  if (opts.replay !== undefined) inputs.push({ role: 'the --replay file', path: opts.replay });
  const outputs: NamedFile[] = [];
  if (opts.trace !== undefined) outputs.push({ role: '--trace', path: opts.trace });
  if (opts.html !== undefined) outputs.push({ role: '--html', path: opts.html });
  checkOutputs(outputs, inputs);

  const text = readInput(file);
  // The page's assets are read before the run, so a missing build fails at once.
  const assets = opts.html !== undefined ? readWebviewAssets() : null;
  const name = basename(file);
  const replay = opts.replay !== undefined ? readReplay(opts.replay) : null;
  const pictures = opts.trace !== undefined || opts.html !== undefined;
  const simulation: SimulationOptions = {
    seed: opts.seed,
    horizon: opts.horizon,
    maxEvents: opts.maxEvents,
    scenarioName: name,
    choose: replay?.hook,
    // The summary's Gantt chart and the outputs need spans; --json alone needs none.
    record: { events: opts.events || pictures, spans: !opts.json || pictures, maxEvents: opts.maxRecorded },
  };
  const diagnosis = diagnose(text);
  if (diagnosis.failure) throw internalFailure(diagnosis.failure);
  const model = diagnosis.compilation.model;
  const result = model ? simulate(model, simulation) : null;
  const diagnostics = withRun(diagnosis, result);
  const diverged = replay?.mismatch();
  if (diverged)
    process.stderr.write(
      `threadscape: the replay does not match this scenario (${diverged}); the rest of the run took the default choices\n`,
    );
  if (opts.json) printJson(name, diagnosis.compilation.model?.title ?? null, result, diagnostics, opts);
  else printText(file, result, diagnostics);
  if (result) {
    if (opts.trace !== undefined) writeChromeTrace(opts.trace, result);
    if (opts.html !== undefined && assets)
      writeHtmlReport(opts.html, { fileName: name, text, result, analysis: diagnosis.analysis }, assets);
  } else if (pictures) {
    process.stderr.write(`threadscape: ${escapeControls(file)} has text errors; no trace or page written\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
