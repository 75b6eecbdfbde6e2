/**
 * Runs a simulation in short slices through the simulator's step API, yielding to the event
 * loop between slices so the text tiers and requests are never held up. The core never reads
 * the clock: this host gives it a stop callback that does.
 */
import { performance } from 'node:perf_hooks';
import type { Model } from '../language/model';
import { createSimulation } from '../simulator';
import type { RunResult } from '../simulator/trace';

export interface SliceBudget {
  /** Wall-clock length of one slice, in ms. */
  sliceTime: number;
  /** Wall-clock limit of the whole run, in ms. */
  timeLimit: number;
}

export interface SlicedOutcome {
  result: RunResult;
  /** True when the run was cut at `timeLimit` (the result is partial). */
  stoppedAtLimit: boolean;
  /** Wall-clock time the run took, in ms. */
  elapsed: number;
}

export interface SlicedRun {
  /** Stops the run at its next slice boundary; `done` then resolves to null. */
  cancel(): void;
  /** The outcome, null when cancelled; rejects when the simulator throws. */
  readonly done: Promise<SlicedOutcome | null>;
}

/**
 * An upper bound on events per slice besides its time. The clock is read at every poll of the
 * stop callback (the core polls at every instant and every 1,024 events of one instant), so a
 * slice ends within its time plus one poll interval, and a request waits at most that long.
 */
const EVENTS_PER_SLICE = 10_000;

/** Starts a sliced run of `model`; the first slice runs on a later turn of the event loop. */
export function runSliced(model: Model, scenarioName: string, budget: SliceBudget): SlicedRun {
  let cancelled = false;
  const done = new Promise<SlicedOutcome | null>((resolve, reject) => {
    const start = performance.now();
    const hardEnd = start + budget.timeLimit;
    let sim: ReturnType<typeof createSimulation>;
    const slice = (): void => {
      if (cancelled) return resolve(null);
      try {
        sim ??= createSimulation(model, { scenarioName });
        const end = Math.min(performance.now() + budget.sliceTime, hardEnd);
        const finished = sim.step({ maxEvents: EVENTS_PER_SLICE, shouldStop: () => performance.now() >= end });
        const now = performance.now();
        if (finished || now >= hardEnd) {
          resolve({ result: sim.result(), stoppedAtLimit: !finished, elapsed: now - start });
        } else {
          setImmediate(slice);
        }
      } catch (e) {
        reject(e);
      }
    };
    setImmediate(slice);
  });
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}
