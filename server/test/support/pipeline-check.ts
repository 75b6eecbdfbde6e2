/**
 * One input through every host's path, in process: the language server's diagnosis (with its
 * incremental compiler), the command line's run with every output (summary, JSON with events,
 * Chrome trace, playback page), each checked: no exception, every range inside its line, no
 * control character printed raw.
 */
import { chromeTrace } from '../../src/cli/trace-chrome';
import { formatDiagnostic } from '../../src/cli/format';
import { renderHtmlReport } from '../../src/cli/html';
import { formatSummary } from '../../src/cli/summary';
import { diagnose, withRun, type DiagnoseCaches } from '../../src/diagnose';
import { IncrementalCompiler } from '../../src/language';
import { escapeControls } from '../../src/language/escape';
import { simulate, type Outcome } from '../../src/simulator';
import { lineLengths, rangeProblem } from './hostile';

export interface PipelineOptions {
  /** The run's event budget (the command's default is 10⁷). */
  maxEvents?: number;
  /** Events recorded at most (`--max-recorded`). */
  maxRecorded?: number;
}

export interface PipelineReport {
  problems: string[];
  /** The run's outcome, or null when the text has errors. */
  outcome: Outcome | null;
  events: number;
}

const ASSETS = { script: '/* webview */', style: '/* css */' };
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A checker that keeps the language server's caches from one input to the next, as edits do. */
export function pipelineChecker(options: PipelineOptions = {}): (text: string) => PipelineReport {
  const caches: DiagnoseCaches = { compiler: new IncrementalCompiler(), analysis: new WeakMap() };
  return (text) => {
    const problems: string[] = [];
    const lines = lineLengths(text);
    const editor = diagnose(text, caches);
    const fresh = diagnose(text);
    if (editor.failure ?? fresh.failure) problems.push(`internal failure: ${editor.failure ?? fresh.failure}`);
    if (JSON.stringify(editor.diagnostics) !== JSON.stringify(fresh.diagnostics))
      problems.push('the incremental diagnosis differs from a fresh one');
    const model = fresh.compilation.model;
    const result = model
      ? simulate(model, {
          maxEvents: options.maxEvents,
          scenarioName: 'fuzz.threads',
          record: { events: true, spans: true, maxEvents: options.maxRecorded },
        })
      : null;
    const all = withRun(fresh, result);
    for (const d of all) {
      const p = rangeProblem(d, lines);
      if (p) problems.push(`${d.code} at ${JSON.stringify(d.range)}: ${p}`);
      const line = formatDiagnostic('fuzz.threads', d);
      if (RAW_CONTROL.test(line)) problems.push(`raw control character in: ${JSON.stringify(line)}`);
    }
    if (result && model) {
      const summary = formatSummary(result).split('\n').map(escapeControls).join('\n');
      if (RAW_CONTROL.test(summary)) problems.push('raw control character in the summary');
      JSON.stringify({ ...result, diagnostics: all });
      JSON.stringify(chromeTrace(result));
      renderHtmlReport({ fileName: 'fuzz.threads', text, result, analysis: fresh.analysis }, ASSETS, 'NONCE');
    }
    return { problems, outcome: result?.outcome ?? null, events: result?.events?.length ?? 0 };
  };
}
