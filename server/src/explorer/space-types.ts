/**
 * The state-space search's vocabulary (space.ts): what it looks for, its options, progress and
 * result, and the parts of its states (nodes, the chain of decisions that leads to them, the
 * leaves of a unit's choice tree).
 */
import type { SimulationOptions, SimulationSnapshot } from '../simulator/api';
import type { Footprint, World } from '../simulator/world';
import { independent } from './por';
import type { ChoiceRecord } from './unit-tree';

/** What a search looks for (docs/reference/language.md §9's problems that some schedule may reach). */
export type Problem = 'deadlock' | 'hang' | 'inversion' | 'fault' | 'goal';

export interface SpaceOptions {
  simulation?: Omit<SimulationOptions, 'choose' | 'record'>;
  /** Problems to look for (those the default schedule does not show already). */
  watch: ReadonlySet<Problem>;
  /** A goal of the host's ("make high wait 10 ticks"): a state where it holds is a finding `goal`. */
  goal?: (w: World) => boolean;
  /** Picks every schedule starts with (play the scheduler's "show me" from where the player is). */
  prefix?: readonly number[];
  /** Keep searching after a finding, counting the schedules that show each (default: stop at the first). */
  all?: boolean;
  /** Keep searching after a finding for the problems not found yet; stop once each watched problem has one. */
  untilEach?: boolean;
  /** Breadth-first: the first finding is a shortest one. */
  bfs?: boolean;
  /** Range values enumerated in full up to this many (default 16), sampled above. */
  rangeCap?: number;
  /** Partial-order reduction and symmetry reduction (default on). */
  por?: boolean;
  symmetry?: boolean;
  /** Complete schedules to examine at most (default: no limit). */
  maxSchedules?: number;
  /** Bytes the visited set may take (default 512 MiB). */
  maxBytes?: number;
  /** Polled between transitions; true ends the search (the host's time limit). */
  shouldStop?: () => boolean;
  /** Called now and then with the figures so far. */
  onProgress?: (p: SpaceProgress) => void;
  /** Called when a problem is first found, with its first counterexample (before the search goes on). */
  onFinding?: (f: RawFinding, p: SpaceProgress) => void;
}

export interface SpaceProgress {
  states: number;
  transitions: number;
  schedules: number;
  depth: number;
  bytes: number;
}

export interface RawFinding {
  problem: Problem;
  /** Every decision from the start, for `run --replay`. */
  choices: ChoiceRecord[];
  /** The decisions that differ from the default rule, in words. */
  departures: string[];
  /** Schedules (of those searched) that showed it. */
  occurrences: number;
}

export interface SpaceResult extends SpaceProgress {
  complete: boolean;
  /** Why the search stopped before the end: a limit, or the first finding. */
  stoppedBy: 'time' | 'memory' | 'schedules' | 'finding' | null;
  sampled: boolean;
  bytesPerState: number;
  findings: RawFinding[];
  reductions: string[];
}

/** The decisions on the way to a state: a chain of units, shared by the states after it. */
export interface PathLink {
  records: ChoiceRecord[];
  words: string[];
  parent: PathLink | null;
  length: number;
  /** Choices from the start up to here, this link's included. */
  choices: number;
}

export interface Node {
  snap: SimulationSnapshot;
  path: PathLink | null;
  /** Problems already shown on the way here (a finding is what a transition adds). */
  seen: number;
  /** Threads whose steps need not run first here (sleep set), with their footprints. */
  sleep: Map<number, Footprint>;
}

export const BIT: Record<Problem, number> = { deadlock: 1, hang: 2, inversion: 4, fault: 8, goal: 16 };

export interface Leaf {
  records: ChoiceRecord[];
  picks: number[];
  firstPick: number | null;
  footprint: Footprint;
  /** The successor (its snapshot null until the leaf is kept), or null at the end of a run. */
  child: { snap: SimulationSnapshot | null; path: PathLink | null; seen: number } | null;
}

/** The sleep set after `t`'s steps: the sleeping threads independent of them. */
export function sleepAfter(sleep: Map<number, Footprint>, t: number, f: Footprint): Map<number, Footprint> {
  const out = new Map<number, Footprint>();
  for (const [u, fu] of sleep) if (u !== t && independent(fu, f)) out.set(u, fu);
  return out;
}

export function flatten(path: PathLink | null): { choices: ChoiceRecord[]; departures: string[] } {
  const links: PathLink[] = [];
  for (let p = path; p !== null; p = p.parent) links.push(p);
  links.reverse();
  return { choices: links.flatMap((l) => l.records), departures: links.flatMap((l) => l.words) };
}
