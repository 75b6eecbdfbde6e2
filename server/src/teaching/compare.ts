/**
 * One workload under several threading models: one run per model (the chosen processes'
 * `model` overridden, see `withModel`), and the table that sets them side by side, with the
 * values that differ between the runs marked. Plain data for every host (the CLI prints it,
 * the panel can stack the runs' timelines on one time axis from `runs[i].result`).
 */
import type { Model, ThreadingModel } from '../language/model';
import { createSimulation, type Outcome, type RunResult, type SimulationOptions } from '../simulator';
import { THREADING_MODELS, withModel, type DroppedSetting, type OverrideOptions } from './override';

export interface CompareOptions extends OverrideOptions {
  /** The models to run, in this order (default: one_to_one, many_to_one, many_to_many). */
  models?: readonly ThreadingModel[];
  /** Seed, horizon, budget and recording of every run. */
  simulation?: SimulationOptions;
  /** The host's stop callback, polled between events; a run it stops ends where it is. */
  shouldStop?: () => boolean;
}

export interface ModelRun {
  model: ThreadingModel;
  /** What the file set that this model cannot take. */
  dropped: DroppedSetting[];
  result: RunResult;
  /** True when `shouldStop` ended the run before its end. */
  stopped: boolean;
}

export interface Comparison {
  scenario: string;
  models: ThreadingModel[];
  /** The processes whose model was overridden, in file order. */
  processes: string[];
  runs: ModelRun[];
}

/** Runs the model once per threading model. */
export function compareModels(model: Model, options: CompareOptions = {}): Comparison {
  const models = [...(options.models ?? THREADING_MODELS)];
  const chosen = options.processes ? new Set(options.processes) : null;
  const runs = models.map((m): ModelRun => {
    const { model: variant, dropped } = withModel(model, m, options);
    const sim = createSimulation(variant, options.simulation);
    const done = sim.step({ shouldStop: options.shouldStop });
    return { model: m, dropped, result: sim.result(), stopped: !done };
  });
  return {
    scenario: runs[0]?.result.scenario ?? model.title ?? options.simulation?.scenarioName ?? '',
    models,
    processes: model.processes.filter((p) => chosen === null || chosen.has(p.name)).map((p) => p.name),
    runs,
  };
}

/** One thread's times in each run (null: it never started, or never finished). */
export interface ThreadRow {
  process: string;
  thread: string;
  /** Creation tick (null: never created). */
  arrival: (number | null)[];
  finish: (number | null)[];
  /** firstRun − arrival. */
  response: (number | null)[];
  /** readyTime: runnable but not running, at either level. */
  waiting: (number | null)[];
  differs: { finish: boolean; response: boolean; waiting: boolean };
}

/** The facts of one run. */
export interface RunFacts {
  outcome: Outcome;
  endTime: number;
  switches: number;
  upcalls: number;
  ipis: number;
  /** LWPs that existed during the run (`lwpsCreated`). */
  lwps: number;
  /** `process-stall` diagnostics: processes whose every pool LWP sat in io with threads runnable. */
  stalls: number;
}

export type RunFact = keyof RunFacts;
export const RUN_FACTS: readonly RunFact[] = ['outcome', 'endTime', 'switches', 'upcalls', 'ipis', 'lwps', 'stalls'];

export interface ComparisonTable {
  threads: ThreadRow[];
  runs: RunFacts[];
  /** Per fact: whether the runs disagree. */
  runDiffers: Record<RunFact, boolean>;
}

function differ<T>(values: readonly T[]): boolean {
  return values.some((v) => v !== values[0]);
}

/** The facts of one run, as the comparison table shows them. */
export function runFacts(r: RunResult): RunFacts {
  return {
    outcome: r.outcome,
    endTime: r.endTime,
    switches: r.counters.switches,
    upcalls: r.counters.upcalls,
    ipis: r.counters.ipis,
    lwps: r.counters.lwpsCreated,
    stalls: r.diagnostics.filter((d) => d.code === 'process-stall').length,
  };
}

/** The side-by-side table of a comparison: threads in the order of the first run. */
export function comparisonTable(c: Comparison): ComparisonTable {
  const threads: ThreadRow[] = (c.runs[0]?.result.threads ?? []).map((t0) => {
    const per = c.runs.map((r) => r.result.threads.find((t) => t.process === t0.process && t.name === t0.name));
    const arrival = per.map((t) => t?.arrival ?? null);
    const finish = per.map((t) => t?.finish ?? null);
    const response = per.map((t) => (t && t.firstRun !== null && t.arrival !== null ? t.firstRun - t.arrival : null));
    const waiting = per.map((t) => (t && t.arrival !== null ? t.readyTime : null));
    return {
      process: t0.process,
      thread: t0.name,
      arrival,
      finish,
      response,
      waiting,
      differs: { finish: differ(finish), response: differ(response), waiting: differ(waiting) },
    };
  });
  const runs = c.runs.map((r) => runFacts(r.result));
  const runDiffers = Object.fromEntries(RUN_FACTS.map((f) => [f, differ(runs.map((r) => r[f]))])) as Record<
    RunFact,
    boolean
  >;
  return { threads, runs, runDiffers };
}
