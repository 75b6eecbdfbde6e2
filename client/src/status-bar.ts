import * as vscode from 'vscode';
import { SIMULATE_COMMAND, type OutcomeParams } from '@server/lsp/protocol';

/** The item's text and tooltip for one outcome report. */
export function describeOutcome(o: OutcomeParams): { text: string; tooltip: string } {
  const at = o.endTime === null ? '' : ` at t=${o.endTime}`;
  // The server words the outcome as every view does; its tone picks the icon.
  if (o.text && o.tone && o.outcome !== null && o.outcome !== 'time-limit') {
    const icon = o.tone === 'ok' ? '$(check)' : o.tone === 'warning' ? '$(warning)' : '$(error)';
    const tooltip =
      o.tone === 'ok'
        ? 'Every thread finished. Click to open the playback.'
        : o.outcome === 'completed'
          ? 'Every thread finished, but the run showed problems (see the Problems panel). Click to play it back.'
          : `The default schedule: ${o.text}. Click to play it back.`;
    return { text: `${icon} ${o.text}`, tooltip };
  }
  switch (o.outcome) {
    case null:
      return { text: '$(circle-slash) not simulated', tooltip: 'The file has errors; fix them to simulate it.' };
    case 'completed':
      return { text: `$(check) completed${at}`, tooltip: 'Every thread finished. Click to open the playback.' };
    case 'deadlock':
    case 'hang':
    case 'fault':
      return {
        text: `$(error) ${o.outcome}${at}`,
        tooltip: `The default schedule ends in a ${o.outcome}. Click to play it back.`,
      };
    case 'horizon':
      return {
        text: `$(warning) horizon${at}`,
        tooltip: 'The horizon was reached with threads still alive. Click to play it back.',
      };
    case 'budget':
      return {
        text: `$(warning) event budget${at}`,
        tooltip: 'The run stopped at its event budget. Click to play it back.',
      };
    case 'time-limit':
      return {
        text: `$(watch) simulated to t=${o.endTime ?? 0}`,
        tooltip: 'The background simulation stopped at its time limit. Click to run it in full.',
      };
  }
}

/**
 * The status bar item showing the current file's simulation outcome, fed by
 * `threadscape/outcome` notifications; visible only for threadscape editors.
 */
export class OutcomeStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly outcomes = new Map<string, OutcomeParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('threadscape.outcome', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Threadscape outcome';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.outcomes.delete(d.uri.toString());
        this.render();
      }),
    );
    this.render();
  }

  /** Records a report from the server; an older version never replaces a newer one. */
  update(o: OutcomeParams): void {
    const prev = this.outcomes.get(o.uri);
    if (prev && prev.version > o.version) return;
    this.outcomes.set(o.uri, o);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const o = doc?.languageId === 'threadscape' ? this.outcomes.get(doc.uri.toString()) : undefined;
    if (!doc || !o) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = describeOutcome(o);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      o.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : o.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.command = { title: 'Simulate', command: SIMULATE_COMMAND, arguments: [doc.uri] };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
