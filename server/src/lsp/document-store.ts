/**
 * The latest analysis of every open document, computed lazily: an edit only marks the
 * document stale, and whoever needs the result (the diagnostics tier, a hover, a rename…)
 * computes it once for the version it sees. A burst of edits is therefore compiled once.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { analyse, type AnalysisCache } from '../analysis';
import { compareDiagnostics, type Diagnostic } from '../language/diagnostic';
import { compile, IncrementalCompiler, type Compilation } from '../language';
import type { RunResult } from '../simulator/trace';

/** The text and static-analysis tiers of one version of a document. */
export interface TextAnalysis {
  uri: string;
  version: number;
  text: string;
  /** The file's base name (`dining.threads`), the scenario's name when it has no title. */
  fileName: string;
  /** Null only when the front end failed unexpectedly (see `failure`). */
  compilation: Compilation | null;
  /** Text diagnostics followed by those of static analysis, sorted. */
  diagnostics: Diagnostic[];
  /** An internal error of the core, logged, never shown as a crash. */
  failure: string | null;
}

/** The last finished simulation of a document (possibly of an older version). */
export interface SimulationRecord {
  version: number;
  /** The run's result; partial when it was stopped at the time limit. */
  result: RunResult;
  stoppedAtLimit: boolean;
}

/** The base name of a document URI's path, decoded. */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  // `untitled:Untitled-1` has no slash: drop the scheme.
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.indexOf(':')) + 1);
  try {
    return decodeURIComponent(last) || 'untitled';
  } catch {
    return last || 'untitled';
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
}

/** What the tiers reuse from one version of a document to the next (the same results, sooner). */
export interface DocumentCaches {
  compiler: IncrementalCompiler;
  analysis: AnalysisCache;
}

/** Runs the text and analysis tiers on one text; never throws. */
export function analyseText(uri: string, version: number, text: string, caches?: DocumentCaches): TextAnalysis {
  const base = { uri, version, text, fileName: fileNameOf(uri) };
  let compilation: Compilation;
  try {
    compilation = caches ? caches.compiler.compile(text) : compile(text);
  } catch (e) {
    return { ...base, compilation: null, diagnostics: [], failure: `compile: ${describe(e)}` };
  }
  const diagnostics = [...compilation.diagnostics];
  let failure: string | null = null;
  if (compilation.model) {
    try {
      diagnostics.push(...analyse(compilation.model, caches?.analysis));
    } catch (e) {
      failure = `analyse: ${describe(e)}`;
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { ...base, compilation, diagnostics, failure };
}

/** Per-URI cache of analyses and simulations over the open documents. */
export class DocumentStore {
  private readonly analyses = new Map<string, TextAnalysis>();
  private readonly simulations = new Map<string, SimulationRecord>();
  // One per open document: an edit re-parses only the top-level blocks it touched.
  private readonly caches = new Map<string, DocumentCaches>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly onFailure: (uri: string, message: string) => void = () => {},
  ) {}

  /** The open document, if any. */
  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The analysis of the document's current version (computed now if stale); undefined when closed. */
  analysis(uri: string): TextAnalysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === doc.version) return cached;
    let caches = this.caches.get(uri);
    if (!caches) this.caches.set(uri, (caches = { compiler: new IncrementalCompiler(), analysis: new WeakMap() }));
    const fresh = analyseText(uri, doc.version, doc.getText(), caches);
    if (fresh.failure) {
      // After an internal error, the next version starts from scratch.
      this.caches.delete(uri);
      this.onFailure(uri, fresh.failure);
    }
    this.analyses.set(uri, fresh);
    return fresh;
  }

  /** True when `version` is still the document's current version. */
  isCurrent(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  /** Records a finished simulation. */
  setSimulation(uri: string, record: SimulationRecord): void {
    this.simulations.set(uri, record);
  }

  /** The last finished simulation of the document, of any version. */
  simulation(uri: string): SimulationRecord | undefined {
    return this.simulations.get(uri);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.analyses.delete(uri);
    this.simulations.delete(uri);
    this.caches.delete(uri);
  }
}
