/**
 * The "Run" mode: the run under the default schedule, or a schedule replayed (Play
 * counterexample, a finding clicked). A replay re-runs the model taking its choices, puts the
 * playhead at the failing instant and marks the choices unlike the default rule's; choices that
 * do not fit the run are not applied (the panel says where they stop fitting). Its banner offers
 * "Save replay" and the way back to the default schedule.
 */
import type { ChoiceRecord } from '../../../server/src/explorer/unit-tree';
import type { FindingRef } from '../protocol';
import { el } from './dom';
import { Runs, type ModeContext, type ModeController, type ValidModel } from './modes';
import { schedule } from './schedule';

export interface ReplayRequest {
  choices: ChoiceRecord[];
  finding?: FindingRef;
}

export class RunMode implements ModeController {
  private readonly runs: Runs;
  private replaying: ReplayRequest | null = null;
  private readonly banner = el('section', { className: 'ts-replay', attrs: { 'aria-label': 'Replay' } });

  constructor(private readonly ctx: ModeContext) {
    this.runs = new Runs(ctx.app);
  }

  start(doc: ValidModel): void {
    if (this.replaying) this.replay(this.replaying, doc);
    else this.runDefault(doc);
  }

  stop(): void {
    this.runs.cancel();
    this.replaying = null;
    this.banner.remove();
  }

  /** The replay shown, if any. */
  get replayed(): ReplayRequest | null {
    return this.replaying;
  }

  /** Drops the replay (the text changed under it): the default schedule is run again. */
  forget(): void {
    this.replaying = null;
    this.banner.remove();
  }

  /** Runs the default schedule; `note`: an error to show once it is shown (the run clears the status). */
  private runDefault(doc: ValidModel, note?: string): void {
    this.banner.remove();
    this.runs.start(doc.model, doc.fileName, (result) => {
      this.ctx.app.showRun(result, { diagnostics: doc.diagnostics, reveal: { type: 'reveal', until: null } });
      if (note) this.ctx.app.header.setStatus(note, 'error');
    });
  }

  /** Replays `req` on the model `doc`. */
  replay(req: ReplayRequest, doc: ValidModel): void {
    const s = schedule(req.choices);
    this.runs.start(
      doc.model,
      doc.fileName,
      (result) => {
        const app = this.ctx.app;
        const taken = s.taken();
        const problem =
          s.mismatch() ??
          (taken.length < req.choices.length
            ? `the run ended after ${taken.length} of its ${req.choices.length} choices`
            : null);
        if (problem !== null) {
          // Not applied: the replay shown stays, else the default schedule is shown again.
          const note = `The replay does not fit this run and was not applied: ${problem}.`;
          if (this.replaying) app.header.setStatus(note, 'error');
          else this.runDefault(doc, note);
          return;
        }
        this.replaying = req;
        const departures = taken.filter((x) => x.kind === 'departure');
        app.showRun(result, {
          diagnostics: doc.diagnostics,
          stops: departures,
          reveal: { type: 'reveal', until: null },
        });
        const at = req.finding?.time ?? app.playback.firstProblem ?? result.endTime;
        app.dispatch({ type: 'seek', time: at });
        this.showBanner(req, departures.length);
      },
      s.hook,
    );
  }

  private showBanner(req: ReplayRequest, departures: number): void {
    const f = req.finding;
    const save = el('button', {
      text: 'Save replay',
      attrs: { type: 'button', title: 'Save these choices as a file for threadscape run --replay' },
    });
    save.addEventListener('click', () => this.ctx.post({ type: 'saveReplay', choices: req.choices }));
    const back = el('button', { text: 'Default schedule', attrs: { type: 'button' } });
    back.addEventListener('click', () => {
      this.replaying = null;
      const doc = this.ctx.current();
      if (doc) this.runDefault(doc);
    });
    const n = req.choices.length;
    this.banner.replaceChildren(
      el('p', {}, [
        el('strong', { text: 'Replaying ' }),
        ...(f
          ? [el('span', { className: 'ts-code', text: f.code }), document.createTextNode(`: ${f.message}`)]
          : [document.createTextNode('a schedule')]),
      ]),
      el('p', {
        className: 'ts-replay-note',
        text:
          `${n} choice${n === 1 ? '' : 's'}, ${departures} unlike the default schedule` +
          (departures > 0 ? ' (numbered on the timeline; N and Shift+N go from one to the next).' : '.'),
      }),
      el('div', { className: 'ts-mode-actions' }, [save, back]),
    );
    if (!this.banner.isConnected) this.ctx.app.modeSlot.append(this.banner);
  }
}
