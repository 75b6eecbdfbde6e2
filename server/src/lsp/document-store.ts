/**
 * The latest analysis of every open document, computed lazily: an edit only marks the
 * document stale, and whoever needs the result (the diagnostics tier, a hover, a rename…)
 * computes it once for the version it sees. A burst of edits is therefore compiled once.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { diagnose, type DiagnoseCaches } from '../diagnose';
import type { Diagnostic } from '../language/diagnostic';
import { IncrementalCompiler, type Compilation } from '../language';
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

/** Runs the text and analysis tiers (`diagnose`) on one version of a document; never throws. */
export function analyseText(uri: string, version: number, text: string, caches?: DiagnoseCaches): TextAnalysis {
  const base = { uri, version, text, fileName: fileNameOf(uri) };
  try {
    const { compilation, diagnostics, failure } = diagnose(text, caches);
    return { ...base, compilation, diagnostics, failure };
  } catch (e) {
    return { ...base, compilation: null, diagnostics: [], failure: `compile: ${describe(e)}` };
  }
}

/** Per-URI cache of analyses and simulations over the open documents. */
export class DocumentStore {
  private readonly analyses = new Map<string, TextAnalysis>();
  private readonly simulations = new Map<string, SimulationRecord>();
  // One per open document: an edit re-parses only the top-level blocks it touched.
  private readonly caches = new Map<string, DiagnoseCaches>();

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
    if (cached && this.isCurrent(cached)) return cached;
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

  /**
   * True when `a` is of the document's current text. A client may send a change without a new
   * version: the text decides (the same string, unless it changed, so comparing is cheap).
   */
  isCurrent(a: TextAnalysis): boolean {
    const doc = this.documents.get(a.uri);
    return doc !== undefined && doc.version === a.version && doc.getText() === a.text;
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
