/**
 * The panel's session with its document: the current model, the mode (run, play the scheduler,
 * predict then reveal, compare models) and the last exploration's findings. It is the trust
 * boundary's second half: messages arrive well-formed (protocol.ts checked them), and here a
 * replay or a findings list for another document or an older version of the text is ignored
 * with a message, never applied; one for a version not seen yet waits for that model.
 */
import type { FindingItem, FindingsMessage, ModelMessage, PanelMode, ReplayMessage, WebviewMessage } from '../protocol';
import type { App } from './app';
import { CompareMode } from './compare-mode';
import { FindingsView } from './findings-view';
import { ModeBar } from './mode-bar';
import type { ModeContext, ModeController, ValidModel } from './modes';
import { PlayMode } from './play-mode';
import { PredictMode } from './predict-mode';
import { RunMode } from './run-mode';

export class PanelSession {
  private doc: ValidModel | null = null;
  private modelKey = '';
  private findingsMsg: FindingsMessage | null = null;
  private pendingReplay: ReplayMessage | null = null;
  private pendingFindings: FindingsMessage | null = null;
  private readonly run: RunMode;
  private readonly controllers: Record<PanelMode, ModeController>;
  private readonly bar: ModeBar;
  private readonly findingsView: FindingsView;

  constructor(
    private readonly app: App,
    post: (m: WebviewMessage) => void,
    private current: PanelMode,
    /** Called when the mode changes (the host keeps it with the playhead). */
    private readonly changed: (mode: PanelMode) => void,
  ) {
    const ctx: ModeContext = { app, post, current: () => this.doc, findings: () => this.findingsMsg };
    this.run = new RunMode(ctx);
    this.controllers = {
      run: this.run,
      play: new PlayMode(ctx),
      predict: new PredictMode(ctx),
      compare: new CompareMode(ctx),
    };
    this.bar = new ModeBar((m) => this.setMode(m));
    this.bar.set(current);
    app.setMode(current);
    app.header.element.append(this.bar.element);
    this.findingsView = new FindingsView((f) => this.replayFinding(f));
    app.tabs.add('findings', 'Findings', this.findingsView.element);
  }

  get mode(): PanelMode {
    return this.current;
  }

  /** The document's model after an edit (null: the text has errors). */
  onModel(msg: ModelMessage): void {
    const app = this.app;
    if (msg.model === null) {
      const errors = msg.diagnostics.filter((d) => d.severity === 'error').length;
      const what = `${msg.fileName} has ${errors} error${errors === 1 ? '' : 's'}`;
      app.header.setStatus(
        this.doc ? `${what}: showing the last run that worked.` : `${what}: fix them to simulate.`,
        'error',
      );
      if (!this.doc) {
        // Nothing to play yet: the file's errors are what there is to see.
        app.header.setTitle(msg.fileName);
        app.setDiagnostics(msg.diagnostics);
        app.tabs.select('diagnostics');
      }
      return;
    }
    const key = JSON.stringify(msg.model);
    const same = this.doc !== null && key === this.modelKey;
    this.modelKey = key;
    this.doc = { ...msg, model: msg.model };
    // The findings hold while the model does (an edit of a comment): they stay, for the new version.
    if (this.findingsMsg) this.setFindings(same ? { ...this.findingsMsg, version: msg.version } : null);
    const findings = this.pendingFindings;
    const replay = this.pendingReplay;
    this.pendingFindings = this.pendingReplay = null;
    if (findings) this.onFindings(findings);
    if (replay) return this.onReplay(replay);
    // An edit that leaves the model unchanged (a comment, spacing) keeps what is shown.
    if (same) {
      app.header.setStatus(null);
      return;
    }
    if (this.current === 'run' && this.run.replayed) {
      this.run.forget();
      app.header.setStatus('The text changed under the replay: showing the default schedule of the new text.');
    }
    this.controllers[this.current].start(this.doc);
  }

  /**
   * Is `m` for this document and its current text? Says why not when it is not (`what` null:
   * quietly, for a findings list that an edit overtook on its way).
   */
  private fits(m: { uri: string; version: number }, what: string | null): 'now' | 'later' | 'never' {
    const doc = this.doc;
    if (doc && m.uri !== doc.uri) {
      if (what) this.app.header.setStatus(`${what} for another document was ignored.`, 'error');
      return 'never';
    }
    if (!doc || m.version > doc.version) return 'later';
    if (m.version < doc.version) {
      if (what)
        this.app.header.setStatus(
          `${what} for version ${m.version} of the file was ignored: the text has changed since (version ${doc.version}).`,
          'error',
        );
      return 'never';
    }
    return 'now';
  }

  /** Replays a schedule (from the host, or a finding clicked). */
  onReplay(m: ReplayMessage): void {
    const fit = this.fits(m, 'A replay');
    if (fit === 'later') this.pendingReplay = m;
    if (fit !== 'now' || !this.doc) return;
    this.switchTo('run', false);
    this.run.replay({ choices: m.choices, finding: m.finding }, this.doc);
  }

  onFindings(m: FindingsMessage): void {
    const fit = this.fits(m, null);
    if (fit === 'later') this.pendingFindings = m;
    if (fit === 'now') this.setFindings(m);
  }

  private setFindings(m: FindingsMessage | null): void {
    this.findingsMsg = m;
    this.findingsView.set(m);
    const n = m?.findings.length ?? 0;
    this.app.tabs.setBadge('findings', n > 0 ? String(n) : null, 'error');
  }

  private replayFinding(f: FindingItem): void {
    const m = this.findingsMsg;
    if (m) this.onReplay({ type: 'replay', uri: m.uri, version: m.version, choices: f.choices, finding: f });
  }

  /** Switches the panel's mode (the mode bar, or the host's `mode` message). */
  setMode(mode: PanelMode): void {
    this.switchTo(mode, true);
  }

  /** Leaves the mode for `mode` (started on the current model when `start`). */
  private switchTo(mode: PanelMode, start: boolean): void {
    if (mode === this.current) return;
    this.controllers[this.current].stop();
    this.app.modeSlot.replaceChildren();
    this.app.header.setStatus(null);
    this.current = mode;
    this.bar.set(mode);
    this.app.setMode(mode);
    this.changed(mode);
    if (start && this.doc) this.controllers[mode].start(this.doc);
  }
}
