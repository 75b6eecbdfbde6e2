/**
 * Compare models: the document's model run once per threading model (the teaching core's
 * `withModel`: every process overridden, the settings a model cannot take dropped with a note),
 * one run after the other in slices, then shown stacked with the comparison table.
 */
import { comparisonTable, type Comparison, type ModelRun } from '../../../server/src/teaching/compare';
import { THREADING_MODELS, withModel } from '../../../server/src/teaching/override';
import { CompareView } from './compare-view';
import { readPalette } from './colours';
import { eventMarks } from './lanes';
import { Runs, type ModeContext, type ModeController, type ValidModel } from './modes';

export class CompareMode implements ModeController {
  private readonly runs: Runs;
  private view: CompareView | null = null;

  constructor(private readonly ctx: ModeContext) {
    this.runs = new Runs(ctx.app);
  }

  start(doc: ValidModel): void {
    const done: ModelRun[] = [];
    const next = (): void => {
      const m = THREADING_MODELS[done.length];
      if (m === undefined) return this.show(doc, done);
      const { model, dropped } = withModel(doc.model, m, { written: doc.written ?? [] });
      this.runs.start(model, doc.fileName, (result) => {
        done.push({ model: m, dropped, result, stopped: false });
        next();
      });
    };
    next();
  }

  private show(doc: ValidModel, runs: ModelRun[]): void {
    const c: Comparison = {
      scenario: runs[0]?.result.scenario ?? doc.fileName,
      models: runs.map((r) => r.model),
      processes: doc.model.processes.map((p) => p.name),
      runs,
    };
    const app = this.ctx.app;
    this.view ??= new CompareView(readPalette(), {
      seek: (t) => app.dispatch({ type: 'seek', time: t }),
      reveal: (range) => this.ctx.post({ type: 'reveal', range }),
    });
    const end = this.view.set(c, comparisonTable(c));
    const marks = [...new Set(runs.flatMap((r) => eventMarks(r.result)))].sort((a, b) => a - b);
    app.showCompare(this.view, c.scenario, { endTime: end, marks, firstProblem: null });
  }

  stop(): void {
    this.runs.cancel();
    this.ctx.app.showCompare(null);
  }
}
