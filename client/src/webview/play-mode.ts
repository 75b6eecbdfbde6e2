/**
 * Play the scheduler: the run stops at every choice point (the core's ScheduleStepper) and the
 * player picks; the panel shows the run with the player's picks up to the choice it waits on
 * (nothing at or after that instant), the picks numbered on the timeline. Keys: 1–9 pick,
 * Backspace undoes. "Show me" asks the model checker, time-boxed by the webview's clock, for a
 * schedule from here that reaches the goal, and plays it.
 */
import { ScheduleStepper, type Goal } from '../../../server/src/explorer/stepper';
import { summarizeOutcome } from '../../../server/src/simulator/outcome';
import type { RunResult } from '../../../server/src/simulator/trace';
import { Runs, type ModeContext, type ModeController, type ValidModel } from './modes';
import { initialPlay, playKey, reducePlay, type PlayAction, type PlayState } from './play';
import { PlayView } from './play-view';
import { schedule } from './schedule';

/** How long "Show me" may search, in milliseconds. */
export const SHOW_ME_MS = 3000;

const PROBLEM_OF: Record<string, Extract<Goal, { kind: 'problem' }>['problem']> = {
  'deadlock-reachable': 'deadlock',
  'hang-reachable': 'hang',
  'inversion-reachable': 'inversion',
  'fault-reachable': 'fault',
};

/** True for a key typed into a field, which the game leaves alone. */
function typing(e: KeyboardEvent): boolean {
  const tag = (e.target as HTMLElement | null)?.tagName ?? '';
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
}

export class PlayMode implements ModeController {
  private readonly runs: Runs;
  private readonly view: PlayView;
  private state: PlayState = initialPlay();
  private stepper: ScheduleStepper | null = null;
  private doc: ValidModel | null = null;
  private shown: RunResult | null = null;

  constructor(private readonly ctx: ModeContext) {
    this.runs = new Runs(ctx.app);
    this.view = new PlayView({
      pick: (k) => this.pick(k),
      undo: () => this.undo(),
      goal: (goal) => this.dispatch({ type: 'goal', goal }),
      showMe: () => this.showMe(),
      save: () => {
        if (this.stepper) ctx.post({ type: 'saveReplay', choices: this.stepper.choices() });
      },
    });
  }

  start(doc: ValidModel): void {
    this.doc = doc;
    this.ctx.app.modeSlot.replaceChildren(this.view.element);
    this.ctx.app.modeKey = (e) => this.onKey(e);
    let stepper: ScheduleStepper;
    try {
      stepper = new ScheduleStepper(doc.model, { scenarioName: doc.fileName });
    } catch (e) {
      this.ctx.app.header.setStatus(`The simulation failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    this.stepper = stepper;
    const found = (this.ctx.findings()?.findings ?? []).map((f) => PROBLEM_OF[f.code]).filter(Boolean);
    const threads = doc.model.processes.flatMap((p) => p.threads.map((t) => t.name));
    const goal: Goal = found.length > 0 ? { kind: 'problem', problem: found[0] } : this.state.goal;
    this.state = reducePlay(this.state, { type: 'goal', goal });
    this.view.setGoals(found, threads, goal);
    this.moved();
  }

  stop(): void {
    this.runs.cancel();
    this.stepper = null;
    this.view.element.remove();
    this.ctx.app.modeKey = null;
  }

  private dispatch(a: PlayAction): void {
    this.state = reducePlay(this.state, a);
    this.view.render(this.state, this.shown ? summarizeOutcome(this.shown).text : '');
  }

  private onKey(e: KeyboardEvent): boolean {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return false;
    const k = playKey(this.state, e.key);
    if (k === null) return false;
    if ('pick' in k) this.pick(k.pick);
    else this.undo();
    return true;
  }

  private pick(k: number): void {
    if (this.state.search !== 'searching' && this.stepper?.choose(k)) this.moved();
  }

  private undo(): void {
    if (this.state.search !== 'searching' && this.stepper?.undo()) this.moved();
  }

  /** After the stepper moved: the question, then the run with the picks up to the choice it waits on. */
  private moved(): void {
    const stepper = this.stepper;
    const doc = this.doc;
    if (!stepper || !doc) return;
    const choices = stepper.choices();
    const pending = stepper.pending;
    this.dispatch({ type: 'at', pending, picks: choices.length });
    const s = schedule(choices);
    this.runs.start(
      doc.model,
      doc.fileName,
      (result) => {
        this.shown = result;
        this.ctx.app.showRun(result, {
          diagnostics: doc.diagnostics,
          stops: s.taken(),
          reveal: { type: 'reveal', until: pending ? pending.choice.t : null, then: 'jump' },
        });
        this.view.render(this.state, summarizeOutcome(result).text);
      },
      s.hook,
    );
  }

  private showMe(): void {
    const stepper = this.stepper;
    if (!stepper || this.state.search === 'searching') return;
    this.dispatch({ type: 'searching' });
    // Let the status paint before the search holds the thread.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (this.stepper !== stepper) return;
        const start = performance.now();
        let gaveUp = false;
        const found = stepper.showMe(this.state.goal, {
          shouldStop: () => (gaveUp = performance.now() - start > SHOW_ME_MS),
        });
        const searched: PlayAction = { type: 'searched', found, gaveUp: !found && gaveUp };
        if (found) this.moved();
        this.dispatch(searched);
      }),
    );
  }
}
