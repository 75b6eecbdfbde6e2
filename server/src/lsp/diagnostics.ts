/**
 * The tiers of diagnostics, pushed per document version:
 * 1. text (syntax and checker) and 2. static analysis, on every change (coalesced: a burst of
 * edits that arrives together is analysed and published once, for its last version);
 * 3. simulation, once the text has been quiet for `delay` ms, sliced so it never blocks the
 * first two, cancelled by any newer edit, and cut at `timeLimit`; 4. exploration of the other
 * schedules, once the simulation has published, in a worker thread (exploration-tier.ts).
 * A result is published only while its version is still the document's current one.
 */
import type { Connection } from 'vscode-languageserver';
import { compareDiagnostics, type Diagnostic, type DiagnosticCode } from '../language/diagnostic';
import { toLspDiagnostics } from './convert';
import type { DocumentStore, TextAnalysis } from './document-store';
import { ExplorationTier } from './exploration-tier';
import { OutcomeNotification, type OutcomeParams } from './protocol';
import { summarizeOutcome } from '../simulator/outcome';
import type { ServerSettings } from './settings';
import { runSliced, type SlicedOutcome, type SlicedRun } from './simulation-runner';

/** The code of the note published when the background simulation hit its time limit. */
export const TIME_LIMIT_CODE: DiagnosticCode = 'simulation-time-limit';

interface Pending {
  version: number;
  timer?: ReturnType<typeof setTimeout>;
  run?: SlicedRun;
}

/** Observers of the tiers (the benchmark and logs use them). */
export interface TierHooks {
  /** Called when the debounce of `version` ends and its simulation starts. */
  simulationStarted?(uri: string, version: number): void;
  /** Called when the exploration of `version` starts in its worker. */
  explorationStarted?(uri: string, version: number): void;
}

/** Schedules and publishes the diagnostics of every open document. */
export class DiagnosticTiers {
  /** Documents whose text tier is queued, and whether they changed again since the last turn. */
  private readonly textQueued = new Map<string, { again: boolean }>();
  private readonly pending = new Map<string, Pending>();
  /** The fourth tier (its reports feed the code lens). */
  readonly exploration: ExplorationTier;

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly settings: () => ServerSettings,
    private readonly hooks: TierHooks = {},
  ) {
    this.exploration = new ExplorationTier(connection, store, { started: hooks.explorationStarted });
  }

  /** A document was opened or changed: run the text tiers soon, and simulate once it settles. */
  changed(uri: string): void {
    this.cancelSimulation(uri);
    const queued = this.textQueued.get(uri);
    if (queued) {
      queued.again = true;
      return;
    }
    // The connection hands over one message per turn of the event loop, so the edits of a
    // burst arrive on consecutive turns: the tier waits for a turn without a new edit.
    const entry = { again: true };
    this.textQueued.set(uri, entry);
    const turn = (): void => {
      if (this.textQueued.get(uri) !== entry) return;
      if (entry.again) {
        entry.again = false;
        setImmediate(turn);
        return;
      }
      this.textQueued.delete(uri);
      this.textTier(uri);
    };
    setImmediate(turn);
  }

  /** A document was closed: stop its work and clear its diagnostics. */
  closed(uri: string): void {
    this.cancelSimulation(uri);
    this.textQueued.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Re-runs every tier of the given open documents (after a settings change). */
  refresh(uris: Iterable<string>): void {
    for (const uri of uris) this.changed(uri);
  }

  /** Stops every pending simulation and exploration (shutdown). */
  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancelSimulation(uri);
    this.exploration.dispose();
  }

  private cancelSimulation(uri: string): void {
    this.exploration.cancel(uri);
    const p = this.pending.get(uri);
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    p.run?.cancel();
    this.pending.delete(uri);
  }

  private publish(uri: string, version: number, diags: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, version, diagnostics: toLspDiagnostics(diags, uri) });
  }

  private sendOutcome(params: OutcomeParams): void {
    void this.connection.sendNotification(OutcomeNotification, params);
  }

  private textTier(uri: string): void {
    const a = this.store.analysis(uri);
    if (!a) return;
    this.publish(uri, a.version, a.diagnostics);
    const model = a.compilation?.model ?? null;
    const settings = this.settings();
    if (!model) {
      this.sendOutcome({ uri, version: a.version, outcome: null, endTime: null });
      return;
    }
    if (!settings.simulate) return;
    const pending: Pending = { version: a.version };
    this.pending.set(uri, pending);
    pending.timer = setTimeout(() => {
      pending.timer = undefined;
      this.simulationTier(a, pending, settings);
    }, settings.delay);
  }

  private simulationTier(a: TextAnalysis, pending: Pending, settings: ServerSettings): void {
    const model = a.compilation?.model;
    if (!model || !this.store.isCurrent(a)) return;
    this.hooks.simulationStarted?.(a.uri, a.version);
    const run = runSliced(model, a.fileName, settings);
    pending.run = run;
    run.done.then(
      (outcome) => {
        if (this.pending.get(a.uri) === pending) this.pending.delete(a.uri);
        if (outcome && this.store.isCurrent(a)) this.finish(a, outcome, settings);
      },
      (e: unknown) => {
        if (this.pending.get(a.uri) === pending) this.pending.delete(a.uri);
        const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
        this.connection.console.error(`threadscape: simulation of ${a.uri} failed: ${msg}`);
      },
    );
  }

  private finish(a: TextAnalysis, outcome: SlicedOutcome, settings: ServerSettings): void {
    const { result, stoppedAtLimit } = outcome;
    const summary = summarizeOutcome(result);
    this.store.setSimulation(a.uri, { version: a.version, result, stoppedAtLimit });
    const diags = [...a.diagnostics, ...result.diagnostics];
    if (stoppedAtLimit) {
      diags.push({
        code: TIME_LIMIT_CODE,
        severity: 'info',
        message:
          `the background simulation stopped at its time limit (${settings.timeLimit} ms) at t=${result.endTime}; ` +
          'simulation diagnostics are those found so far (the playback panel and `threadscape run` go to the end)',
        range: a.compilation?.model?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        time: result.endTime,
        relatedInformation: [],
      });
    }
    diags.sort(compareDiagnostics);
    this.publish(a.uri, a.version, diags);
    this.sendOutcome({
      uri: a.uri,
      version: a.version,
      outcome: stoppedAtLimit ? 'time-limit' : result.outcome,
      endTime: result.endTime,
      ...(stoppedAtLimit ? { text: null, tone: null } : { text: summary.text, tone: summary.tone }),
    });
    const skip = stoppedAtLimit ? 'the default run did not end within the simulation time limit' : null;
    this.exploration.start(a, diags, settings, skip);
  }
}
