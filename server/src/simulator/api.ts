/**
 * The simulator's public contract. Hosts (CLI, language server, webview, explorer) use only this.
 */
import type { RunResult } from './trace';

/** A point where the spec allows more than one continuation (docs/reference/language.md §7). */
export interface Choice {
  /** Instant of the choice. */
  t: number;
  /** 'range': a duration draw; 'tie': equal-priority pick; 'order': which thread steps first. */
  kind: 'range' | 'tie' | 'order';
  /** Number of alternatives (for 'range': b − a + 1). */
  count: number;
  /** What the default rule picks (the seeded draw or the documented tie-break). */
  defaultPick: number;
  /** Human-readable names of the alternatives, where they have names (threads). */
  labels?: string[];
  /** For a range: the value of alternative 0 (alternative k is `base + k`). */
  base?: number;
  /** For a range: what is drawn ("compute", "io", "sleep"), and by whom. */
  what?: string;
}

/** Returns the alternative to take, 0 ≤ pick < choice.count. */
export type ChoiceHook = (choice: Choice) => number;

export interface SimulationOptions {
  /** Overrides the scenario's `seed`. */
  seed?: number;
  /** Overrides the scenario's `horizon`. */
  horizon?: number;
  /** Event budget (default 10⁷). */
  maxEvents?: number;
  /**
   * What to record besides metrics; nothing by default, so memory does not grow with time.
   * `maxEvents`: recorded events at most (hosts pass docs/reference/cli.md's `--max-recorded`, default 10⁶).
   */
  record?: { events?: boolean; spans?: boolean; maxEvents?: number };
  /** Called at every choice point; default: the documented rule. */
  choose?: ChoiceHook;
  /** Scenario name used when the model has no title (the host passes the file name). */
  scenarioName?: string;
}

/** A budget for one slice of a resumable run. */
export interface StepLimit {
  /** Stop before processing any instant later than this tick. */
  untilTime?: number;
  /** Stop after this many more events. */
  maxEvents?: number;
  /** Polled between events; true stops the slice (hosts use it for wall-clock limits). */
  shouldStop?: () => boolean;
  /**
   * Stop after this many more units: a timed event handled, the arrivals of an instant placed,
   * or a thread's zero-time steps up to its next timed statement (the explorer's transitions).
   */
  maxUnits?: number;
}

/**
 * A simulation's state at a step boundary (`Simulation.snapshot`), opaque to hosts. Restoring it
 * makes the run continue exactly as it did from there.
 */
export interface SimulationSnapshot {
  readonly owner: unknown;
}

export interface Simulation {
  /** Current instant. */
  readonly now: number;
  /** True once the run has ended (every thread done, horizon, budget, or no progress possible). */
  readonly done: boolean;
  /** Events processed so far. */
  readonly eventCount: number;
  /** Units run so far (see `StepLimit.maxUnits`). */
  readonly units: number;
  /** Runs until the limit or the end; returns `done`. */
  step(limit?: StepLimit): boolean;
  /** The result so far (final once `done`). */
  result(): RunResult;
  /** The state now, between two steps (wherever `step` returned). */
  snapshot(): SimulationSnapshot;
  /** Returns to a snapshot taken of this simulation; the run goes on from there. */
  restore(s: SimulationSnapshot): void;
}
