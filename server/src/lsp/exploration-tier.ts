/**
 * The fourth tier: once the simulation tier has published a version, its model is explored in a
 * worker thread (exploration-runner.ts), so requests and edits stay answered. Each finding is
 * published as soon as the worker finds it, merged with the simulation tier's diagnostics of the
 * same version; the search's end is published once more with the proof or how far it got, and
 * reported as `threadscape/exploration` (status bar, panel, code lens). Any edit cancels it.
 */
import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver';
import type { Finding } from '../explorer';
import type { Diagnostic } from '../language/diagnostic';
import { toLspDiagnostics } from './convert';
import type { DocumentStore, TextAnalysis } from './document-store';
import { runExploration, type ExplorationEnd, type ExplorationRun } from './exploration-runner';
import { explorationParams, mergeExploration, type SearchState } from './exploration-report';
import { ExplorationNotification, type ExplorationParams } from './protocol';
import type { ServerSettings } from './settings';

interface Job {
  analysis: TextAnalysis;
  run: ExplorationRun;
  /** The simulation tier's published diagnostics of the version. */
  simulation: Diagnostic[];
  findings: Finding[];
}

/** Observers of the tier (`TierHooks.explorationStarted`). */
export interface ExplorationHooks {
  /** Called when the exploration of `version` starts in its worker. */
  started?(uri: string, version: number): void;
}

/** Runs and publishes the background exploration of every open document. */
export class ExplorationTier {
  private readonly jobs = new Map<string, Job>();
  private readonly reports = new Map<string, ExplorationParams>();
  /** True when the client refreshes its code lenses on request (`workspace/codeLens/refresh`). */
  lensRefresh = false;

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly hooks: ExplorationHooks = {},
  ) {}

  /** The last report of `uri`'s search, when it is of `version` (the code lens). */
  report(uri: string, version: number): ExplorationParams | null {
    const r = this.reports.get(uri);
    return r && r.version === version ? r : null;
  }

  /**
   * Explores the version the simulation tier just published (`simulation`: its diagnostics);
   * `skip` says why it is not explored (the default run did not end), reported instead.
   */
  start(a: TextAnalysis, simulation: Diagnostic[], settings: ServerSettings, skip: string | null): void {
    this.cancel(a.uri);
    if (!settings.explore) return;
    if (skip !== null) {
      this.send({
        uri: a.uri,
        version: a.version,
        complete: false,
        stoppedBy: 'skipped',
        states: 0,
        findings: [],
        text: `not explored: ${skip}`,
      });
      return;
    }
    const job: Job = {
      analysis: a,
      simulation,
      findings: [],
      run: runExploration(
        { text: a.text, scenarioName: a.fileName, timeLimit: settings.exploreTimeLimit },
        {
          onFinding: (f) => {
            if (this.jobs.get(a.uri) !== job || !this.store.isCurrent(a)) return;
            job.findings.push(f);
            this.publish(job, { ...this.base(job), findings: job.findings, running: true });
          },
        },
      ),
    };
    this.jobs.set(a.uri, job);
    this.hooks.started?.(a.uri, a.version);
    void job.run.done.then((end) => {
      if (this.jobs.get(a.uri) === job) this.jobs.delete(a.uri);
      if (end && this.store.isCurrent(a)) this.finish(job, end);
    });
  }

  /** Stops the search of `uri` (an edit, a close); its report is forgotten. */
  cancel(uri: string): void {
    this.jobs.get(uri)?.run.cancel();
    this.jobs.delete(uri);
    this.reports.delete(uri);
  }

  /** Stops every search (shutdown, exit). */
  dispose(): void {
    for (const uri of [...this.jobs.keys()]) this.cancel(uri);
  }

  private base(job: Job): SearchState {
    return {
      version: job.analysis.version,
      findings: [],
      states: 0,
      complete: false,
      stoppedBy: null,
      searched: [],
      running: false,
    };
  }

  private finish(job: Job, end: ExplorationEnd): void {
    const base = this.base(job);
    const state: SearchState =
      'result' in end
        ? {
            ...base,
            findings: end.result.findings,
            states: end.result.states,
            complete: end.result.complete,
            stoppedBy: end.result.stoppedBy,
            searched: end.result.searched,
          }
        : { ...base, findings: end.findings, stoppedBy: 'stopped', stopReason: end.stopped };
    if ('stopped' in end) {
      this.connection.console.error(`threadscape: exploration of ${job.analysis.uri} stopped: ${end.stopped}`);
    }
    this.publish(job, state);
  }

  /** Publishes the merged diagnostics when the search changes them, and reports the search. */
  private publish(job: Job, state: SearchState): void {
    const { uri, version } = job.analysis;
    const merged = mergeExploration(job.simulation, state);
    if (JSON.stringify(merged) !== JSON.stringify(job.simulation) || state.findings.length > 0) {
      void this.connection.sendDiagnostics({ uri, version, diagnostics: toLspDiagnostics(merged, uri) });
    }
    this.send(explorationParams(uri, state));
  }

  private send(params: ExplorationParams): void {
    this.reports.set(params.uri, params);
    void this.connection.sendNotification(ExplorationNotification, params);
    // The code lens shows the search's end (and a counterexample to play).
    if (!params.running && this.lensRefresh)
      void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }
}
