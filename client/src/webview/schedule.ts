/**
 * A schedule replayed in the panel: the choice hook of a list of choices (the explorer's replay:
 * the picks in order, then the default rule) that also notes, in words, each choice that
 * differs from the default rule (who went first, which value a range took): the marks a replay
 * and a game of play-the-scheduler put on the timeline. Pure.
 */
import { replayHook } from '../../../server/src/explorer/replay';
import { describeChoice, type ChoiceRecord } from '../../../server/src/explorer/unit-tree';
import type { ChoiceHook } from '../../../server/src/simulator/api';
import type { Stop } from './playback';

export interface Schedule {
  hook: ChoiceHook;
  /**
   * The choices of the list met so far, in words ("at t=0, right steps first"): a departure
   * where the pick differs from the default rule's, else a pick.
   */
  taken(): Stop[];
  /** The first choice of the list that did not fit the run, in words, or null. */
  mismatch(): string | null;
}

/** The hook that plays `choices`, noting departures from the default. */
export function schedule(choices: readonly ChoiceRecord[]): Schedule {
  const replay = replayHook({ version: 2, choices: [...choices] });
  const taken: Stop[] = [];
  let met = 0;
  return {
    hook: (c) => {
      const pick = replay.hook(c);
      if (met++ < choices.length && replay.mismatch() === null)
        taken.push({ t: c.t, label: describeChoice(c, pick), kind: pick === c.defaultPick ? 'pick' : 'departure' });
      return pick;
    },
    taken: () => [...taken],
    mismatch: replay.mismatch,
  };
}
