/**
 * `threadscape compare FILE`: the scenario once per threading model, side by side (the
 * chosen processes' `model` overridden; settings a model cannot take are dropped with a note).
 * Exit 1 when the file has text errors or a run ends with an error diagnostic (a deadlock, a hang).
 */
import { basename } from 'node:path';
import { compile } from '../language';
import { compareDiagnostics } from '../language/diagnostic';
import type { ThreadingModel } from '../language/model';
import { compareModels, comparisonTable, THREADING_MODELS } from '../teaching';
import { comparisonJson, formatComparison } from './compare-format';
import { formatDiagnostic } from './format';
import type { CommandOptions } from './args';
import { UsageError } from './errors';
import { readInput } from './files';
import { out } from './stdout';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The models of `--models`, or a UsageError listing the valid ones. */
export function parseModels(value: string | undefined): ThreadingModel[] {
  if (value === undefined) return [...THREADING_MODELS];
  const names = list(value);
  const bad = names.find((n) => !(THREADING_MODELS as readonly string[]).includes(n));
  if (bad !== undefined || names.length === 0) {
    const what = bad === undefined ? '--models needs at least one model' : `unknown model '${bad}'`;
    throw new UsageError(`${what}; valid models: ${THREADING_MODELS.join(', ')}`);
  }
  return [...new Set(names)] as ThreadingModel[];
}

export async function compareCommand(file: string, opts: CommandOptions): Promise<number> {
  const models = parseModels(opts.models);
  const text = readInput(file);
  const { diagnostics, model, ast } = compile(text);
  if (!model) {
    const errors = diagnostics.sort(compareDiagnostics);
    if (opts.json) {
      out(`${JSON.stringify({ runs: [], diagnostics: errors }, null, 2)}\n`);
    } else {
      for (const d of errors) out(`${formatDiagnostic(file, d)}\n`);
      process.stderr.write('threadscape: the file has errors; nothing compared\n');
    }
    return 1;
  }
  let processes: string[] | undefined;
  if (opts.process !== undefined) {
    const valid = model.processes.map((p) => p.name);
    processes = list(opts.process);
    const bad = processes.find((n) => !valid.includes(n));
    if (bad !== undefined || processes.length === 0) {
      const what = bad === undefined ? '--process needs a name' : `no process '${bad}' in ${file}`;
      throw new UsageError(`${what}; processes: ${valid.join(', ')}`);
    }
  }
  const comparison = compareModels(model, {
    models,
    processes,
    source: ast,
    simulation: { seed: opts.seed, horizon: opts.horizon, maxEvents: opts.maxEvents, scenarioName: basename(file) },
  });
  const table = comparisonTable(comparison);
  if (opts.json) {
    out(`${JSON.stringify(comparisonJson(comparison, table), null, 2)}\n`);
  } else {
    out(formatComparison(comparison, table));
    const lines = comparison.runs.flatMap((r) =>
      r.result.diagnostics.map((d) => `[${r.model}] ${formatDiagnostic(file, d)}`),
    );
    if (lines.length > 0) out(`\n${lines.join('\n')}\n`);
  }
  return comparison.runs.some((r) => r.result.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
