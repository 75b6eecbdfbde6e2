/**
 * Stateless depth-first search over the choice points of a simulation (LANGUAGE.md §7).
 *
 * Each schedule is one complete run of the simulator from the start; the choice hook replays a
 * prefix of picks and takes the default rule beyond it. The first schedule is therefore the
 * default one (`threadscape run`). Backtracking tries the alternatives of the deepest choice
 * first, in the order default, default+1, … (cyclically), so counterexamples stay close to the
 * default schedule.
 */
import type { Choice, SimulationOptions } from '../simulator/api';

/** One recorded decision, in the shape of CLI.md's replay file. */
export interface ChoiceRecord {
  t: number;
  kind: Choice['kind'];
  pick: number;
}

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

/** "at t=1, phil[2] steps first" / "at t=0, the range draws its value 3 of 0..4". */
export function describeChoice(choice: Choice, pick: number): string {
  const label = choice.labels?.[pick];
  switch (choice.kind) {
    case 'order':
      return `at t=${choice.t}, ${label ?? `alternative ${pick}`} steps first`;
    case 'tie':
      return `at t=${choice.t}, the tie goes to ${label ?? `alternative ${pick}`}`;
    case 'range':
      return `at t=${choice.t}, a range takes its ${ordinal(pick + 1)} value`;
  }
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
