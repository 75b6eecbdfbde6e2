/**
 * Custom requests and notifications between the extension (client) and the language server, as typed
 * RequestType / NotificationType constants: the one place both sides take their names and shapes from.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';
import type { Outcome } from '../simulator/trace';

/**
 * The extension's "Simulate" command (package.json `contributes.commands`), run with a document
 * URI by the code lens, the status bar item and the editor title button; the panel registers it.
 */
export const SIMULATE_COMMAND = 'threadscape.simulate';

export interface ModelParams {
  /** The document's URI. */
  uri: string;
}

export interface ModelResult {
  uri: string;
  /** Version of the document the model was lowered from. */
  version: number;
  /** The file's base name, used as the scenario name when the file has no title. */
  fileName: string;
  /** Null when the text has errors (the last good model is not kept here). */
  model: Model | null;
  /** The text and analysis diagnostics of that version. */
  diagnostics: Diagnostic[];
}

/** `threadscape/model`: the lowered Model of an open document, for the playback panel. */
export const ModelRequest = new RequestType<ModelParams, ModelResult, void>('threadscape/model');

export interface OutcomeParams {
  /** The document's URI. */
  uri: string;
  /** Version of the document that was simulated. */
  version: number;
  /**
   * How the default run ended (RunResult's outcome); `time-limit` when the server stopped it
   * at its wall-clock limit; null when the text has errors and nothing was simulated.
   */
  outcome: Outcome | 'time-limit' | null;
  /** The run's endTime (the instant reached, for `time-limit`); null when not simulated. */
  endTime: number | null;
  /**
   * The outcome in the words every view uses ("hang: blocked since t=23, run ended t=31",
   * "completed at t=57 with 2 warnings"), and its tone; null when not simulated.
   */
  text?: string | null;
  tone?: 'error' | 'warning' | 'ok' | null;
}

/** `threadscape/outcome`: sent after each simulation of an open document (status bar). */
export const OutcomeNotification = new NotificationType<OutcomeParams>('threadscape/outcome');

export interface HeapResult {
  /** `process.memoryUsage().heapUsed` in bytes, after a forced collection when available. */
  heapUsed: number;
  /** True when a collection was forced (the server runs with `--expose-gc`). */
  collected: boolean;
}

/**
 * `threadscape/heap`: the server's heap use, for the benchmark. Answered only when the server
 * was started with `--bench` or `THREADSCAPE_BENCH=1`; otherwise the method is unknown.
 */
export const HeapRequest = new RequestType0<HeapResult, void>('threadscape/heap');

/** One finding of the background exploration, with the choices that reach it. */
export interface ExplorationFinding {
  /** `deadlock-reachable`, `hang-reachable`, `inversion-reachable` or `fault-reachable`. */
  code: string;
  message: string;
  /** The failing instant, when the finding has one. */
  time: number | null;
  /** Every decision of the counterexample (as `threadscape run --replay` takes them). */
  choices: { t: number; kind: string; pick: number }[];
  /** Its decisions that differ from the default rule, in words. */
  departures: string[];
}

export interface ExplorationParams {
  /** The document's URI. */
  uri: string;
  /** Version of the document that was explored. */
  version: number;
  /** True when the whole reduced space was searched: then no finding is a proof. */
  complete: boolean;
  /**
   * Why an incomplete search stopped (`time`, `memory`, `schedules`, `finding`: each problem
   * found; `stopped`: its worker was stopped, `text` says why; `skipped`: not explored, the
   * default run did not end); null when complete or still running.
   */
  stoppedBy: string | null;
  /** Distinct states stored. */
  states: number;
  /** What the search found beyond the default schedule. */
  findings: ExplorationFinding[];
  /** The search in the words the status bar and code lens use ("no deadlock in any schedule: 12,345 states"). */
  text: string;
  /**
   * True on a report sent while the search goes on (a finding published as soon as found);
   * absent or false on the search's last report.
   */
  running?: boolean;
}

/**
 * The panel's "Play counterexample" command (registered by the panel host), run by the code
 * action of a reachable finding and by its code lens with one `PlayCounterexampleArgs`.
 */
export const PLAY_COUNTEREXAMPLE_COMMAND = 'threadscape.playCounterexample';

/** The one argument of `threadscape.playCounterexample`. */
export interface PlayCounterexampleArgs {
  uri: string;
  /** The explored version of the document (the panel ignores a replay of another version). */
  version: number;
  choices: { t: number; kind: string; pick: number }[];
  finding?: { code: string; message: string; time: number | null };
}

/**
 * `threadscape/exploration`: sent when the background exploration of an open document ends
 * (complete, stopped at a limit, or found something: then with `running` while it goes on);
 * not sent for a search an edit cancelled.
 * The status bar shows its text; the panel of that document lists its findings.
 */
export const ExplorationNotification = new NotificationType<ExplorationParams>('threadscape/exploration');
