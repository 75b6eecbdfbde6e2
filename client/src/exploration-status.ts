import * as vscode from 'vscode';
import { PLAY_COUNTEREXAMPLE_COMMAND, type ExplorationParams } from '@server/lsp/protocol';

/** The item's text, tooltip and tone for one exploration report. */
export function describeExploration(e: ExplorationParams): {
  text: string;
  tooltip: string;
  tone: 'error' | 'warning' | 'ok' | null;
} {
  if (e.findings.length > 0) {
    const error = e.findings.some((f) => f.code !== 'inversion-reachable');
    return {
      text: `${error ? '$(error)' : '$(warning)'} ${e.text}`,
      tooltip:
        'Some schedule reaches what the default one does not (see the Problems panel). ' +
        'Click to play the first counterexample.',
      tone: error ? 'error' : 'warning',
    };
  }
  if (e.complete) {
    return {
      text: `$(pass) ${e.text}`,
      tooltip: 'Every schedule the scenario allows was searched: this is a proof, not a test.',
      tone: 'ok',
    };
  }
  if (e.stoppedBy === 'stopped' || e.stoppedBy === 'skipped') {
    return { text: `$(circle-slash) ${e.text}`, tooltip: 'The background exploration did not finish.', tone: null };
  }
  if (e.running) return { text: `$(sync~spin) ${e.text}`, tooltip: 'Searching the other schedules…', tone: null };
  return {
    text: `$(search) ${e.text}`,
    tooltip:
      'Only part of the schedules was searched: nothing found there, which proves nothing about the rest. ' +
      '`threadscape explore` searches longer (threadscape.exploration.timeLimit bounds the editor).',
    tone: null,
  };
}

/**
 * The status bar item showing the current file's last background exploration (a proof, how far
 * an incomplete search got, or its findings), fed by `threadscape/exploration`; shown only for a
 * threadscape editor whose version is the one explored.
 */
export class ExplorationStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly reports = new Map<string, ExplorationParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('threadscape.exploration', vscode.StatusBarAlignment.Left, 49);
    this.item.name = 'Threadscape exploration';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.reports.has(e.document.uri.toString())) this.render();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.reports.delete(d.uri.toString());
        this.render();
      }),
    );
    this.render();
  }

  /** Records a report from the server; an older version never replaces a newer one. */
  update(e: ExplorationParams): void {
    const prev = this.reports.get(e.uri);
    if (prev && prev.version > e.version) return;
    this.reports.set(e.uri, e);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const e = doc?.languageId === 'threadscape' ? this.reports.get(doc.uri.toString()) : undefined;
    if (!doc || !e || e.version !== doc.version) {
      this.item.hide();
      return;
    }
    const { text, tooltip, tone } = describeExploration(e);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = tone === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const f = e.findings[0];
    this.item.command = f
      ? {
          title: 'Play counterexample',
          command: PLAY_COUNTEREXAMPLE_COMMAND,
          arguments: [
            {
              uri: e.uri,
              version: e.version,
              choices: f.choices,
              finding: { code: f.code, message: f.message, time: f.time },
            },
          ],
        }
      : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
