/**
 * The whole pipeline for one text, as `threadscape check` and `run --json` see it: text
 * diagnostics, then static analysis, then (optionally) the simulation's diagnostics.
 * Every host gets the same diagnostics for the same file from here.
 */
import { analyse } from './analysis';
import { compareDiagnostics, type Diagnostic } from './language/diagnostic';
import { compile, type Compilation } from './language';
import { simulate, type RunResult, type SimulationOptions } from './simulator';

export interface CheckOptions {
  /** Also simulate (when the text has no error) and add the simulation's diagnostics. */
  simulate?: boolean;
  simulation?: SimulationOptions;
}

export interface CheckResult {
  compilation: Compilation;
  /** All diagnostics, sorted by line, column, code. */
  diagnostics: Diagnostic[];
  /** The simulation's result, when it ran. */
  result: RunResult | null;
}

/** Diagnostics of one scenario text through every tier asked for. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const compilation = compile(text);
  const diagnostics = [...compilation.diagnostics];
  let result: RunResult | null = null;
  if (compilation.model) {
    diagnostics.push(...analyse(compilation.model));
    if (options.simulate) {
      result = simulate(compilation.model, options.simulation);
      diagnostics.push(...result.diagnostics);
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { compilation, diagnostics, result };
}
