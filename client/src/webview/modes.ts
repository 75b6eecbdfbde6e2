/**
 * What every panel mode gets from the session: the app, the document's current model, a way to
 * run the simulator in slices with the header counting its progress, and the host's post.
 */
import type { Model } from '../../../server/src/language/model';
import type { RunResult } from '../../../server/src/simulator';
import type { ChoiceHook } from '../../../server/src/simulator/api';
import { normalizeDiagnostics, type FindingsMessage, type ModelMessage, type WebviewMessage } from '../protocol';
import type { App } from './app';
import { SlicedRun } from './runner';

/** A model message whose model compiled. */
export type ValidModel = ModelMessage & { model: Model };

export interface ModeContext {
  app: App;
  post(m: WebviewMessage): void;
  /** The document's model now. */
  current(): ValidModel | null;
  /** The last exploration's findings for the current version, if any. */
  findings(): FindingsMessage | null;
}

/** A panel mode: started on a model (again after each edit that changes it), stopped when left. */
export interface ModeController {
  start(doc: ValidModel): void;
  stop(): void;
}

/** One run at a time: a newer one cancels the older. */
export class Runs {
  private run: SlicedRun | null = null;

  constructor(private readonly app: App) {}

  /** Runs `model` (with `choose`, else the default rule); `done` gets the result unless cancelled. */
  start(model: Model, fileName: string, done: (r: RunResult) => void, choose?: ChoiceHook): void {
    this.cancel();
    this.app.header.setStatus('Simulating…');
    const started = (this.run = new SlicedRun(
      model,
      fileName,
      {
        progress: (events, now) =>
          this.app.header.setStatus(`Simulating… ${events.toLocaleString('en-US')} events, t = ${now}`),
        done: (result) => {
          if (this.run !== started) return;
          this.run = null;
          this.app.header.setStatus(null);
          done({ ...result, diagnostics: normalizeDiagnostics(result.diagnostics) });
          document.body.dataset.ready = 'true';
        },
        failed: (message) => {
          if (this.run !== started) return;
          this.run = null;
          this.app.header.setStatus(`The simulation failed: ${message}`, 'error');
        },
      },
      choose,
    ));
  }

  get busy(): boolean {
    return this.run !== null;
  }

  cancel(): void {
    this.run?.cancel();
    this.run = null;
  }
}
