/**
 * `threadscape check FILE...` (docs/reference/cli.md): every diagnostic of each file (text, static analysis,
 * and the simulation of the files without text errors), one a line, compiler style, sorted by
 * file, line, column and code; with --json, `{ "files": [ { "file", "diagnostics" } ] }` with
 * the diagnostics as `run --json` prints them. Exit 0 without error diagnostics, 1 with one.
 *
 * Every file is read before any is checked: an unreadable one is a usage error (one line on
 * stderr, exit 2) and nothing else is printed.
 */
import { diagnose, withRun } from '../diagnose';
import type { Diagnostic } from '../language/diagnostic';
import { simulate } from '../simulator';
import type { CommandOptions } from './args';
import { readInput } from './files';
import { formatDiagnostic, jsonDiagnostic } from './format';
import { internalFailure } from './errors';
import { out } from './stdout';

interface Checked {
  file: string;
  diagnostics: Diagnostic[];
}

/** Every diagnostic of one text, the default run's included. */
export function checkOne(file: string, text: string): Checked {
  const d = diagnose(text);
  if (d.failure) throw internalFailure(d.failure);
  const model = d.compilation.model;
  return { file, diagnostics: withRun(d, model ? simulate(model) : null) };
}

export async function checkCommand(files: string[], opts: Pick<CommandOptions, 'json'>): Promise<number> {
  const texts = files.map((file) => ({ file, text: readInput(file) }));
  const checked = texts.map(({ file, text }) => checkOne(file, text));
  if (opts.json) {
    const json = { files: checked.map((c) => ({ file: c.file, diagnostics: c.diagnostics.map(jsonDiagnostic) })) };
    out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const lines = checked
      .flatMap((c) => c.diagnostics.map((d) => ({ file: c.file, d })))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      .map((x) => formatDiagnostic(x.file, x.d));
    if (lines.length > 0) out(lines.join('\n') + '\n');
  }
  return checked.some((c) => c.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
