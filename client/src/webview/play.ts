/**
 * Play the scheduler: a pure reducer over the game's state as the panel shows it (the choice
 * the run waits on, in words; how many picks were made; the goal; how "show me" went), and the
 * keys that drive it. The run itself is the core's ScheduleStepper, which the panel moves and
 * then reports here with `at`; nothing here runs or reads a clock, so it is unit-tested in Node.
 */
import type { Goal, PendingChoice } from '../../../server/src/explorer/stepper';

/** The choice the run waits on, as the panel asks it. */
export interface Asked {
  t: number;
  /** "Who steps first?", "Who gets the CPU?", "How long does phil[0]'s compute take?" */
  question: string;
  /** The alternatives without their instant: "phil[2] steps first", "phil[0]'s compute takes 3". */
  alternatives: string[];
}

export type SearchStatus = 'idle' | 'searching' | 'found' | 'none' | 'gave-up';

export interface PlayState {
  /** Null once the run has ended. */
  asked: Asked | null;
  picks: number;
  goal: Goal;
  search: SearchStatus;
}

export type PlayAction =
  /** Where the run stands after a pick, an undo, a new run or "show me". */
  | { type: 'at'; pending: PendingChoice | null; picks: number }
  | { type: 'goal'; goal: Goal }
  | { type: 'searching' }
  | { type: 'searched'; found: boolean; gaveUp: boolean };

export const PROBLEM_GOALS: readonly Extract<Goal, { kind: 'problem' }>['problem'][] = [
  'deadlock',
  'hang',
  'inversion',
  'fault',
];

export function initialPlay(): PlayState {
  return { asked: null, picks: 0, goal: { kind: 'problem', problem: 'deadlock' }, search: 'idle' };
}

/** A goal in words: "reach a deadlock", "make high wait at least 10 ticks". */
export function goalText(g: Goal): string {
  if (g.kind === 'wait') return `make ${g.thread} wait at least ${g.ticks} tick${g.ticks === 1 ? '' : 's'}`;
  return {
    deadlock: 'reach a deadlock',
    hang: 'reach a hang',
    inversion: 'reach an unbounded priority inversion',
    fault: 'reach a fault',
  }[g.problem];
}

/** The pending choice as a question with its alternatives (the stepper words them "at t=N, …"). */
export function ask(p: PendingChoice): Asked {
  const c = p.choice;
  const question =
    c.kind === 'order'
      ? 'Which thread steps first?'
      : c.kind === 'tie'
        ? 'Which one does the scheduler take?'
        : `How long does ${c.what ?? 'the range'} take?`;
  const prefix = `at t=${c.t}, `;
  return {
    t: c.t,
    question,
    alternatives: p.alternatives.map((a) => (a.startsWith(prefix) ? a.slice(prefix.length) : a)),
  };
}

export function reducePlay(s: PlayState, a: PlayAction): PlayState {
  switch (a.type) {
    case 'at':
      return { ...s, asked: a.pending ? ask(a.pending) : null, picks: a.picks, search: 'idle' };
    case 'goal':
      return { ...s, goal: a.goal, search: 'idle' };
    case 'searching':
      return { ...s, search: 'searching' };
    case 'searched':
      return { ...s, search: a.found ? 'found' : a.gaveUp ? 'gave-up' : 'none' };
  }
}

/** What a key does in the game: pick alternative k (keys 1–9), undo (Backspace), or nothing. */
export function playKey(s: PlayState, key: string): { pick: number } | { undo: true } | null {
  if (s.search === 'searching') return null;
  if (key === 'Backspace') return s.picks > 0 ? { undo: true } : null;
  if (/^[1-9]$/.test(key) && s.asked) {
    const k = Number(key) - 1;
    return k < s.asked.alternatives.length ? { pick: k } : null;
  }
  return null;
}
