/**
 * Text to diagnostics: the one pipeline every host runs on a scenario's text (ARCHITECTURE.md):
 * compile (syntax, checks, lowering), then static analysis of the Model. The language server
 * and `threadscape check`/`run` call it alike, so they report the same diagnostics for the
 * same file; each host adds the diagnostics of its own simulation (`withRun`).
 */
import { analyse, type AnalysisCache } from './analysis';
import { compile, type Compilation, type IncrementalCompiler } from './language';
import { compareDiagnostics, type Diagnostic } from './language/diagnostic';
import type { RunResult } from './simulator';

/** What a host keeps per document so that the next version is diagnosed sooner (same results). */
export interface DiagnoseCaches {
  compiler: IncrementalCompiler;
  analysis: AnalysisCache;
}

export interface Diagnosis {
  compilation: Compilation;
  /** The static analysis's diagnostics (none when the text has errors). */
  analysis: Diagnostic[];
  /** Text and analysis diagnostics together, sorted by line, column and code. */
  diagnostics: Diagnostic[];
  /** An internal error of the analysis (its diagnostics are then missing), or null. */
  failure: string | null;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
}

/**
 * Diagnoses one text. Throws only on an internal error of the front end; one of the analysis
 * is reported in `failure` with the text's diagnostics kept.
 */
export function diagnose(text: string, caches?: DiagnoseCaches): Diagnosis {
  const compilation = caches ? caches.compiler.compile(text) : compile(text);
  let analysis: Diagnostic[] = [];
  let failure: string | null = null;
  if (compilation.model) {
    try {
      analysis = analyse(compilation.model, caches?.analysis);
    } catch (e) {
      failure = `analyse: ${describe(e)}`;
    }
  }
  const diagnostics = [...compilation.diagnostics, ...analysis].sort(compareDiagnostics);
  return { compilation, analysis, diagnostics, failure };
}

/** A diagnosis's diagnostics with those of a run of its Model, sorted. */
export function withRun(diagnosis: Diagnosis, result: RunResult | null): Diagnostic[] {
  if (!result) return diagnosis.diagnostics;
  return [...diagnosis.diagnostics, ...result.diagnostics].sort(compareDiagnostics);
}
