/**
 * Play the scheduler: a run that stops at every choice point (docs/reference/language.md §7) and waits for a
 * pick, with undo, and "show me": a schedule from where the player stands that reaches a goal,
 * found by the model checker. The panel drives it; it is pure (no clock), so the panel's
 * reducer and the tests drive it the same way.
 *
 * How it stops: the simulator calls its hook deep in its stack, so the stepper runs each unit
 * (units: see Simulation.step) from a snapshot taken before it, with the picks made so far in
 * that unit; the hook interrupts the unit at the first choice beyond them, and the stepper goes
 * back to the snapshot, leaving the choice pending. A pick runs the unit again one choice
 * further.
 */
import type { Model } from '../language/model';
import type { Choice, SimulationOptions, SimulationSnapshot } from '../simulator/api';
import { Engine } from '../simulator/engine';
import type { RunResult } from '../simulator/trace';
import type { World } from '../simulator/world';
import { describeChoice, type ChoiceRecord } from './unit-tree';
import { searchSpace, type Problem } from './space';

/** A choice waiting for the player, with its alternatives in words. */
export interface PendingChoice {
  choice: Choice;
  /** One per alternative: "phil[2] steps first", "phil[0]'s compute takes 3", "phil[1] gets the CPU". */
  alternatives: string[];
}

/** A goal for "show me": a problem to reach, or a condition on the run the host states. */
export type Goal =
  { kind: 'problem'; problem: Exclude<Problem, 'goal'> } | { kind: 'wait'; thread: string; ticks: number };

interface Level {
  /** The boundary before the unit. */
  snap: SimulationSnapshot;
  /** The picks made in the unit so far. */
  picks: number[];
  /** The choices they answered, for the record. */
  asked: Choice[];
}

const INTERRUPT = new Error('a choice is pending');

export class ScheduleStepper {
  private readonly sim: Engine;
  private readonly levels: Level[] = [];
  private feed: number[] = [];
  private fed = 0;
  private asked: Choice[] = [];
  private pendingChoice: Choice | null = null;

  constructor(
    private readonly model: Model,
    private readonly options: Omit<SimulationOptions, 'choose'> = {},
  ) {
    this.sim = new Engine(model, { ...options, choose: (c) => this.hook(c) });
    this.levels.push({ snap: this.sim.snapshot(), picks: [], asked: [] });
    this.advance();
  }

  private hook(c: Choice): number {
    if (this.fed < this.feed.length) {
      this.asked.push(c);
      return this.feed[this.fed++];
    }
    this.pendingChoice = c;
    throw INTERRUPT;
  }

  /** Runs the current unit with its picks, then on to the next choice or the end. */
  private advance(): void {
    for (;;) {
      const level = this.levels[this.levels.length - 1];
      this.sim.restore(level.snap);
      if (this.sim.done) return;
      this.feed = level.picks;
      this.fed = 0;
      this.asked = [];
      this.pendingChoice = null;
      try {
        this.sim.step({ maxUnits: 1 });
      } catch (e) {
        if (e !== INTERRUPT) throw e;
        // Back before the unit: the run shows what happened up to its boundary.
        this.sim.restore(level.snap);
        return;
      }
      level.asked = this.asked;
      // The unit is over: a new boundary.
      this.levels.push({ snap: this.sim.snapshot(), picks: [], asked: [] });
      if (this.sim.done) return;
    }
  }

  /** The choice the run waits on, or null when it has ended. */
  get pending(): PendingChoice | null {
    const c = this.pendingChoice;
    if (c === null || this.sim.done) return null;
    return { choice: c, alternatives: Array.from({ length: c.count }, (_, k) => describeChoice(c, k)) };
  }

  get done(): boolean {
    return this.sim.done;
  }

  /** Takes alternative `k` of the pending choice (false when out of range or nothing is pending). */
  choose(k: number): boolean {
    const c = this.pendingChoice;
    if (c === null || !Number.isInteger(k) || k < 0 || k >= c.count) return false;
    this.levels[this.levels.length - 1].picks.push(k);
    this.advance();
    return true;
  }

  /** Takes back the last pick (false when there is none). */
  undo(): boolean {
    while (this.levels.length > 0) {
      const level = this.levels[this.levels.length - 1];
      if (level.picks.length > 0) {
        level.picks.pop();
        this.advance();
        return true;
      }
      if (this.levels.length === 1) return false;
      this.levels.pop();
    }
    return false;
  }

  /** Every pick made so far, replayable (`threadscape run --replay`). */
  choices(): ChoiceRecord[] {
    const out: ChoiceRecord[] = [];
    for (const level of this.levels) {
      const asked = level === this.levels[this.levels.length - 1] ? [] : level.asked;
      asked.forEach((c, k) => out.push({ t: c.t, kind: c.kind, pick: level.picks[k] }));
    }
    const last = this.levels[this.levels.length - 1];
    if (last.picks.length > 0) {
      // Picks in the unit under way: the choices they answered are replayed to name them.
      this.feed = last.picks;
      this.fed = 0;
      this.asked = [];
      this.sim.restore(last.snap);
      try {
        this.sim.step({ maxUnits: 1 });
      } catch (e) {
        if (e !== INTERRUPT) throw e;
      }
      this.asked.forEach((c, k) => out.push({ t: c.t, kind: c.kind, pick: last.picks[k] }));
      this.sim.restore(last.snap);
    }
    return out;
  }

  /** The run so far (its recording up to where it waits, when the options ask for one). */
  result(): RunResult {
    return this.sim.result();
  }

  /**
   * "Show me": searches the schedules that start with the picks made so far for one that reaches
   * the goal, and plays it up to the point where the goal holds. False when none does (or the
   * limits of `options` stopped the search first).
   */
  showMe(goal: Goal, options: { shouldStop?: () => boolean; maxSchedules?: number } = {}): boolean {
    const prefix = this.choices().map((c) => c.pick);
    const problem: Problem = goal.kind === 'problem' ? goal.problem : 'goal';
    const found = searchSpace(this.model, {
      simulation: { seed: this.options.seed, horizon: this.options.horizon, maxEvents: this.options.maxEvents },
      watch: new Set([problem]),
      goal: goal.kind === 'wait' ? waits(goal.thread, goal.ticks) : undefined,
      prefix,
      shouldStop: options.shouldStop,
      maxSchedules: options.maxSchedules,
    }).findings.find((f) => f.problem === problem);
    if (found === undefined) return false;
    for (const c of found.choices.slice(prefix.length)) {
      if (this.pendingChoice === null || !this.choose(c.pick)) break;
    }
    return true;
  }
}

/** True once `thread` has waited (ready, blocked or spinning) at least `ticks`. */
function waits(thread: string, ticks: number): (w: World) => boolean {
  return (w) => {
    const th = w.threads.find((t) => t.name === thread);
    if (th === undefined) return false;
    const open = th.created && th.end === null && th.mstate !== 'running' ? w.now - th.since : 0;
    return th.readyTime + th.blockedTime + th.spinTime + open >= ticks;
  };
}
