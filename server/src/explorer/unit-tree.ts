/**
 * The choices inside one unit of a run (a timed event, the arrivals of an instant, or a thread's
 * zero-time steps): a unit may meet several (the order of the steppers, then the thread's range
 * draws, then a tie for the CPU it frees). They form a small tree whose leaves are the unit's
 * outcomes; it is walked by replaying the unit from the same snapshot with one pick prefix after
 * another (the simulator calls its hook synchronously, deep in its stack).
 */
import type { Choice } from '../simulator/api';

/** One recorded decision, in the shape of docs/reference/cli.md's replay file. */
export interface ChoiceRecord {
  t: number;
  kind: Choice['kind'];
  pick: number;
}

interface Frame {
  choice: Choice;
  alternatives: number[];
  at: number;
}

/** The alternatives tried at a choice: every one, or a sample of a range wider than `cap`. */
export function alternativesOf(choice: Choice, cap: number): { alternatives: number[]; sampled: boolean } {
  const { count } = choice;
  if (choice.kind !== 'range') return { alternatives: Array.from({ length: count }, (_, k) => k), sampled: false };
  // Ranges from their smallest value: equal think times are where timing bugs hide.
  if (count <= cap) return { alternatives: Array.from({ length: count }, (_, k) => k), sampled: false };
  const picks = new Set<number>([0, count - 1, choice.defaultPick]);
  for (let k = 1; picks.size < cap && k < cap; k++) picks.add(Math.floor((k * (count - 1)) / (cap - 1)));
  return { alternatives: [...picks].sort((a, b) => a - b), sampled: true };
}

export class UnitTree {
  private readonly frames: Frame[] = [];
  private depth = 0;
  /** True once a wide range was sampled rather than enumerated. */
  sampled = false;
  /** The first choice of the unit, once met. */
  first: Choice | null = null;

  /** True when the unit starts with an `order` choice narrowed by partial-order reduction. */
  get ordered(): boolean {
    return this.restrictFirst !== null;
  }

  constructor(
    private readonly cap: number,
    /** Narrows the alternatives of the unit's first choice (partial-order reduction). */
    private readonly restrictFirst: ((c: Choice) => number[] | null) | null = null,
    /** The pick imposed at the unit's k-th choice (a schedule's given prefix), if any. */
    private readonly fixed: ((k: number) => number | undefined) | null = null,
  ) {}

  /** Called before each replay of the unit. */
  begin(): void {
    this.depth = 0;
  }

  /** The simulator's hook during a replay. */
  choose(choice: Choice): number {
    let f: Frame | undefined = this.frames[this.depth];
    if (f !== undefined && (f.choice.kind !== choice.kind || f.choice.count !== choice.count)) {
      // A deterministic replay meets the same choices; drop a stale suffix rather than misapply it.
      this.frames.length = this.depth;
      f = undefined;
    }
    if (f === undefined) {
      let alternatives: number[] | null = null;
      const imposed = this.fixed?.(this.depth);
      if (this.depth === 0) this.first = choice;
      if (imposed !== undefined) alternatives = [imposed < choice.count ? imposed : 0];
      else if (this.depth === 0) alternatives = this.restrictFirst?.(choice) ?? null;
      if (alternatives === null) {
        const a = alternativesOf(choice, this.cap);
        if (a.sampled) this.sampled = true;
        alternatives = a.alternatives;
      }
      f = { choice, alternatives, at: 0 };
      this.frames.push(f);
    }
    this.depth++;
    return f.alternatives[f.at];
  }

  /** The decisions of the replay that just ran. */
  records(): ChoiceRecord[] {
    return this.frames
      .slice(0, this.depth)
      .map((f) => ({ t: f.choice.t, kind: f.choice.kind, pick: f.alternatives[f.at] }));
  }

  /** The choices of the replay that just ran, with their picks (for words). */
  path(): { choice: Choice; pick: number }[] {
    return this.frames.slice(0, this.depth).map((f) => ({ choice: f.choice, pick: f.alternatives[f.at] }));
  }

  /** The pick of the first choice in the replay that just ran, or null when the unit met none. */
  firstPick(): number | null {
    return this.depth > 0 ? this.frames[0].alternatives[this.frames[0].at] : null;
  }

  /** True when the first choice's current alternative has no other leaf after this one. */
  lastLeafOfFirst(): boolean {
    for (let d = 1; d < this.depth; d++) if (this.frames[d].at + 1 < this.frames[d].alternatives.length) return false;
    return true;
  }

  /** Moves to the next leaf; false when the unit's tree is exhausted. */
  advance(): boolean {
    this.frames.length = Math.min(this.frames.length, this.depth);
    while (this.frames.length > 0) {
      const top = this.frames[this.frames.length - 1];
      if (top.at + 1 < top.alternatives.length) {
        top.at++;
        return true;
      }
      this.frames.pop();
    }
    return false;
  }
}

/** "at t=1, phil[2] steps first", "at t=3, phil[1] gets the CPU", "at t=0, phil[0]'s compute takes 3". */
export function describeChoice(choice: Choice, pick: number): string {
  const label = choice.labels?.[pick];
  switch (choice.kind) {
    case 'order':
      return `at t=${choice.t}, ${label ?? `alternative ${pick}`} steps first`;
    case 'tie':
      return `at t=${choice.t}, ${label ?? `alternative ${pick}`} gets the CPU`;
    case 'range':
      return choice.base !== undefined
        ? `at t=${choice.t}, ${choice.what ?? 'a range'} takes ${choice.base + pick}`
        : `at t=${choice.t}, a range takes its value number ${pick + 1}`;
  }
}
