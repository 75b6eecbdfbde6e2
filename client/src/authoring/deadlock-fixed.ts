/**
 * The walkthrough's "fix the deadlock" step completes when a document whose run deadlocked runs
 * to completion after an edit: the context key `threadscape.deadlockFixed` turns true (the step's
 * completion event is `onContext:threadscape.deadlockFixed`).
 */
import * as vscode from 'vscode';
import type { OutcomeParams } from '@server/lsp/protocol';
import { DEADLOCK_FIXED_CONTEXT } from './ids';

/** Watches the outcomes of runs; pure apart from setting the context key once. */
export class DeadlockFixedWatch {
  private readonly deadlocked = new Set<string>();
  private done = false;

  /** Takes the outcome of one run; returns true when it completes the step. */
  outcome(o: OutcomeParams): boolean {
    if (o.outcome === 'deadlock') {
      this.deadlocked.add(o.uri);
      return false;
    }
    if (o.outcome !== 'completed' || !this.deadlocked.delete(o.uri) || this.done) return false;
    this.done = true;
    void vscode.commands.executeCommand('setContext', DEADLOCK_FIXED_CONTEXT, true);
    return true;
  }
}
