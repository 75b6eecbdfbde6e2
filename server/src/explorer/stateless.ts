/**
 * Plain exhaustive search, the reference the state-space search is checked against: every
 * schedule is one complete run from the start, every choice point's every alternative is tried
 * (no state hashing, no reduction). Exponential: for small scenarios and tests only.
 *
 * The choice hook replays a prefix of picks and takes the default rule beyond it; backtracking
 * tries the alternatives of the deepest choice first.
 */
import type { Choice, SimulationOptions } from '../simulator/api';
import type { Model } from '../language/model';
import { createSimulation } from '../simulator';
import type { Problem } from './space';
import { describeChoice, type ChoiceRecord } from './unit-tree';

/** A choice point on the current path of the search. */
interface Frame {
  t: number;
  kind: Choice['kind'];
  count: number;
  /** The alternatives this search will try, in order (the default first). */
  alternatives: number[];
  /** Index into `alternatives` of the pick on the current path. */
  at: number;
}

/** Wide duration ranges are sampled, not enumerated: at most this many values each. */
export const MAX_RANGE_ALTERNATIVES = 8;

/** The alternatives tried at a choice: all of them, or a sample of a wide range (then `sampled`). */
export function alternativesOf(choice: Choice): { alternatives: number[]; sampled: boolean } {
  const { count, defaultPick } = choice;
  if (choice.kind !== 'range' || count <= MAX_RANGE_ALTERNATIVES) {
    const alternatives: number[] = [];
    for (let k = 0; k < count; k++) alternatives.push((defaultPick + k) % count);
    return { alternatives, sampled: false };
  }
  // The default draw, both ends and evenly spread values between them.
  const picks = new Set<number>([defaultPick, 0, count - 1]);
  for (let k = 1; picks.size < MAX_RANGE_ALTERNATIVES && k < MAX_RANGE_ALTERNATIVES; k++) {
    picks.add(Math.floor((k * (count - 1)) / (MAX_RANGE_ALTERNATIVES - 1)));
  }
  return { alternatives: [...picks], sampled: true };
}

/** Drives schedules one after another; `next()` gives the options for the next run. */
export class ScheduleTree {
  private readonly stack: Frame[] = [];
  private depth = 0;
  private path: ChoiceRecord[] = [];
  private notes: string[] = [];
  /** Choice points visited over the whole search (nodes of the schedule tree). */
  nodes = 0;
  /** True once a wide range was sampled rather than enumerated. */
  sampled = false;
  /** True once every alternative has been tried. */
  exhausted = false;

  /** Simulation options whose choice hook follows the current path, then the defaults. */
  optionsFor(base: SimulationOptions): SimulationOptions {
    this.depth = 0;
    this.path = [];
    this.notes = [];
    return { ...base, choose: (choice) => this.choose(choice) };
  }

  /** The decisions of the schedule that just ran, replayable with `run --replay`. */
  choices(): ChoiceRecord[] {
    return this.path;
  }

  /** Words for the decisions of the schedule that just ran that differ from the default rule. */
  departures(): string[] {
    return this.notes;
  }

  private choose(choice: Choice): number {
    let frame: Frame | undefined = this.stack[this.depth];
    if (frame && (frame.kind !== choice.kind || frame.count !== choice.count)) {
      // The simulator is deterministic, so a replayed prefix meets the same choices; if it
      // does not, drop the stale suffix rather than replay a pick that means something else.
      this.stack.length = this.depth;
      frame = undefined;
    }
    if (!frame) {
      const { alternatives, sampled } = alternativesOf(choice);
      if (sampled) this.sampled = true;
      frame = { t: choice.t, kind: choice.kind, count: choice.count, alternatives, at: 0 };
      this.stack.push(frame);
      this.nodes++;
    }
    this.depth++;
    const pick = frame.alternatives[frame.at];
    this.path.push({ t: choice.t, kind: choice.kind, pick });
    if (pick !== choice.defaultPick) this.notes.push(describeChoice(choice, pick));
    return pick;
  }

  /** Moves to the next schedule; false when the tree is exhausted. */
  advance(): boolean {
    // Frames deeper than this run reached belong to an older path.
    this.stack.length = Math.min(this.stack.length, this.depth);
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.at + 1 < top.alternatives.length) {
        top.at++;
        return true;
      }
      this.stack.pop();
    }
    this.exhausted = true;
    return false;
  }
}

/**
 * Every problem some schedule reaches, by plain exhaustive search (the reference for tests of
 * the reductions); null when the scenario has more than `maxSchedules` schedules.
 */
export function exhaustiveProblems(
  model: Model,
  simulation: Omit<SimulationOptions, 'choose' | 'record'> = {},
  maxSchedules = 20_000,
): Set<Problem> | null {
  const tree = new ScheduleTree();
  const found = new Set<Problem>();
  for (let n = 0; n < maxSchedules; n++) {
    const sim = createSimulation(model, tree.optionsFor({ ...simulation }));
    sim.step();
    const r = sim.result();
    const codes = new Set(r.diagnostics.map((d) => d.code));
    if (codes.has('deadlock')) found.add('deadlock');
    if (r.outcome === 'hang') found.add('hang');
    if (codes.has('priority-inversion')) found.add('inversion');
    if (codes.has('stack-overflow') || r.outcome === 'fault') found.add('fault');
    if (!tree.advance()) return found;
  }
  return null;
}
