/**
 * Runs the simulator in the webview without freezing it: the run is cut into slices of a few
 * milliseconds with the step API, and the next slice is queued through a MessageChannel so
 * input and painting get their turn in between. A newer run cancels the older one.
 */
import type { Model } from '../../../server/src/language/model';
import { createSimulation, type RunResult } from '../../../server/src/simulator';
import type { ChoiceHook } from '../../../server/src/simulator/api';

/** Wall-clock budget of one slice. */
const SLICE_MS = 12;

export interface RunCallbacks {
  progress(events: number, now: number): void;
  done(result: RunResult): void;
  failed(message: string): void;
}

export class SlicedRun {
  private cancelled = false;
  private readonly channel = new MessageChannel();

  constructor(
    model: Model,
    scenarioName: string,
    private readonly cb: RunCallbacks,
    /** The choice hook (a replay's), else the default rule. */
    choose?: ChoiceHook,
  ) {
    let sim: ReturnType<typeof createSimulation>;
    try {
      sim = createSimulation(model, { record: { events: true, spans: true }, scenarioName, choose });
    } catch (e) {
      queueMicrotask(() => this.fail(e));
      return;
    }
    this.channel.port1.onmessage = () => {
      if (this.cancelled) return;
      try {
        const start = performance.now();
        const done = sim.step({ shouldStop: () => performance.now() - start > SLICE_MS });
        if (this.cancelled) return;
        if (done) {
          this.close();
          this.cb.done(sim.result());
        } else {
          this.cb.progress(sim.eventCount, sim.now);
          this.channel.port2.postMessage(null);
        }
      } catch (e) {
        this.fail(e);
      }
    };
    this.channel.port2.postMessage(null);
  }

  private fail(e: unknown): void {
    this.close();
    if (!this.cancelled) this.cb.failed(e instanceof Error ? e.message : String(e));
  }

  private close(): void {
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
    this.channel.port2.close();
  }

  /** Stops the run; no callback fires afterwards. */
  cancel(): void {
    this.cancelled = true;
    this.close();
  }
}
