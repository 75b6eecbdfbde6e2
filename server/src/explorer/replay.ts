/**
 * Replaying a schedule: the choices file of docs/reference/cli.md
 * (`{ "version": 2, "choices": [ { "t": 12, "kind": "tie", "pick": 2 } ] }`) as a choice hook.
 * Version 2 since simultaneous arrivals (docs/reference/language.md §5.5) changed the choice points: a
 * version-1 file describes other choices and is refused.
 */
import type { ChoiceHook } from '../simulator/api';
import type { ChoiceRecord } from './unit-tree';

export interface ChoicesFile {
  version: 2;
  choices: ChoiceRecord[];
}

const KINDS = new Set(['range', 'tie', 'order']);

/** Validates parsed JSON as a choices file; returns it, or a one-line reason. */
export function parseChoicesFile(json: unknown): ChoicesFile | string {
  if (typeof json !== 'object' || json === null) return 'a choices file is a JSON object';
  const o = json as { version?: unknown; choices?: unknown };
  if (o.version === 1) {
    return 'a version-1 choices file was written before simultaneous arrivals changed the choice points; explore the scenario again to get a version-2 file';
  }
  if (o.version !== 2) return 'a choices file needs "version": 2';
  if (!Array.isArray(o.choices)) return 'a choices file needs a "choices" array';
  const choices: ChoiceRecord[] = [];
  for (const [k, c] of o.choices.entries()) {
    const r = c as { t?: unknown; kind?: unknown; pick?: unknown };
    const ok =
      typeof c === 'object' &&
      c !== null &&
      Number.isInteger(r.t) &&
      (r.t as number) >= 0 &&
      typeof r.kind === 'string' &&
      KINDS.has(r.kind) &&
      Number.isInteger(r.pick) &&
      (r.pick as number) >= 0;
    if (!ok) return `choice ${k + 1} must be { "t": tick, "kind": "range" | "tie" | "order", "pick": index }`;
    choices.push({ t: r.t as number, kind: r.kind as ChoiceRecord['kind'], pick: r.pick as number });
  }
  return { version: 2, choices };
}

export interface Replay {
  hook: ChoiceHook;
  /** The first mismatch between the file and the run, if any ("choice 3: expected a tie at t=4, …"). */
  mismatch(): string | null;
}

/**
 * A hook that takes the recorded picks in order, then the default rule. A recorded choice
 * that does not match the run's (another kind or tick, or a pick out of range) is a mismatch:
 * the rest of the run follows the default rule and `mismatch()` says where it diverged.
 */
export function replayHook(file: ChoicesFile): Replay {
  let next = 0;
  let problem: string | null = null;
  const hook: ChoiceHook = (choice) => {
    if (problem !== null || next >= file.choices.length) return choice.defaultPick;
    const want = file.choices[next++];
    if (want.kind !== choice.kind || want.t !== choice.t || want.pick >= choice.count) {
      problem =
        `choice ${next}: the file has '${want.kind}' at t=${want.t} (pick ${want.pick}) ` +
        `where the run met '${choice.kind}' at t=${choice.t} with ${choice.count} alternatives`;
      return choice.defaultPick;
    }
    return want.pick;
  };
  return { hook, mismatch: () => problem };
}
