/**
 * Predict, then reveal: the run is shown up to a checkpoint and no further (the playback
 * reducer's `reveal`; the views get the run cut there), the questions the teaching core
 * generated for it are asked, and once the answers are checked the run plays on to the next
 * checkpoint. The checkpoints fall at every scheduling decision, every N ticks, or at the
 * statements the file marks with `// ?` (the default when it marks any).
 */
import type { RunResult } from '../../../server/src/simulator/trace';
import { checkpoints, type CheckpointRule } from '../../../server/src/teaching/checkpoints';
import { Runs, type ModeContext, type ModeController, type ValidModel } from './modes';
import { SPEEDS, type Stop } from './playback';
import { initialPredict, reducePredict, revealUntil, type PredictAction, type PredictState } from './predict';
import { PredictView } from './predict-view';

/** Longest a reveal plays, in seconds (faster when the stretch is long). */
const REVEAL_SECONDS = 3;

export class PredictMode implements ModeController {
  private readonly runs: Runs;
  private readonly view: PredictView;
  private state: PredictState = initialPredict();
  /** The rule the player chose (kept across edits), else the file's default. */
  private chosen: CheckpointRule | null = null;
  private doc: ValidModel | null = null;
  private result: RunResult | null = null;

  constructor(private readonly ctx: ModeContext) {
    this.runs = new Runs(ctx.app);
    this.view = new PredictView({
      rule: (r) => {
        this.chosen = r;
        this.begin();
      },
      answer: (values) => this.dispatch({ type: 'answer', values }),
      next: () => this.move({ type: 'next' }),
      finish: () => this.move({ type: 'finish' }),
      restart: () => this.begin(),
    });
  }

  start(doc: ValidModel): void {
    this.doc = doc;
    this.result = null;
    this.ctx.app.modeSlot.replaceChildren(this.view.element);
    this.runs.start(doc.model, doc.fileName, (result) => {
      this.result = result;
      this.begin();
    });
  }

  stop(): void {
    this.runs.cancel();
    this.view.element.remove();
  }

  private rule(doc: ValidModel): CheckpointRule {
    const lines = doc.markedLines ?? [];
    const r = this.chosen ?? (lines.length > 0 ? { kind: 'marks', lines } : { kind: 'decisions' });
    return r.kind === 'marks' ? { kind: 'marks', lines } : r;
  }

  private threads(result: RunResult): string[] {
    const qualify = new Set(result.threads.map((t) => t.process)).size > 1;
    return result.threads.map((t) => (qualify ? `${t.process}/${t.name}` : t.name));
  }

  /** The checkpoints of the run for the rule, from the first, the run shown up to it. */
  private begin(): void {
    const doc = this.doc;
    const result = this.result;
    if (!doc || !result) return;
    const rule = this.rule(doc);
    const view = { model: doc.model, result, diagnostics: [...doc.diagnostics, ...result.diagnostics] };
    this.state = reducePredict(this.state, { type: 'start', rule, checkpoints: checkpoints(view, rule) });
    this.view.setRule(rule, (doc.markedLines ?? []).length > 0);
    this.ctx.app.showRun(result, {
      diagnostics: doc.diagnostics,
      stops: [],
      reveal: { type: 'reveal', until: revealUntil(this.state), then: 'jump' },
    });
    this.view.render(this.state, this.threads(result));
  }

  private dispatch(a: PredictAction): void {
    this.state = reducePredict(this.state, a);
    if (this.result) this.view.render(this.state, this.threads(this.result));
  }

  /** On to the next checkpoint (or the end): the run plays up to it, the ones passed marked. */
  private move(a: PredictAction): void {
    this.dispatch(a);
    const passed: Stop[] = this.state.checkpoints
      .slice(0, this.state.at)
      .map((c, k) => ({ t: c.t, label: `checkpoint ${k + 1}`, kind: 'checkpoint' }));
    const app = this.ctx.app;
    app.dispatch({ type: 'setStops', stops: passed });
    // The stretch up to the next checkpoint plays in at most about three seconds.
    const until = revealUntil(this.state);
    const gap = (until ?? app.playback.endTime) - app.playback.time;
    if (gap / app.playback.speed > REVEAL_SECONDS) {
      const speed = SPEEDS.find((v) => gap / v <= REVEAL_SECONDS) ?? SPEEDS[SPEEDS.length - 1];
      app.dispatch({ type: 'setSpeed', speed });
    }
    app.dispatch({ type: 'reveal', until, then: 'play' });
  }
}
