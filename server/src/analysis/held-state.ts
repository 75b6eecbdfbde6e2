/**
 * The held-lock lattice of one thread: which mutexes it may hold (on some path) and must hold
 * (on every path) at a point of its body, with the statements that may have taken each one.
 *
 * Bodies have no branches; paths differ only by the pass of each `repeat` (the first pass, or a
 * later one). Lock and unlock are gen/kill transfers, so one pass of a body is summarised by a
 * per-mutex effect, and running a body twice has the same effect as running it once: the state
 * at the head of a loop is the join of the entry state and the state after one pass.
 */
import type { SourceRange, Stmt } from '../language/model';

/** A reachable state; `null` stands for "unreachable" (after `exit`). */
export interface HeldState {
  /**
   * Mutexes held on some path, each with the ranges of the statements that may have taken it
   * (lists never changed in place: states share them).
   */
  may: Map<number, SourceRange[]>;
  /** Mutexes held on every path. */
  must: Set<number>;
}

/** What one pass of a body does: `exits`, or for each mutex touched, its final acquisition (or null: released). */
export interface BodySummary {
  exits: boolean;
  effects: Map<number, SourceRange | null>;
}

export function emptyState(): HeldState {
  return { may: new Map(), must: new Set() };
}

/** A copy; the site lists are shared, as they are never changed in place (copy on write). */
export function cloneState(s: HeldState): HeldState {
  return { may: new Map(s.may), must: new Set(s.must) };
}

/** Least upper bound: union of `may` (and of sites), intersection of `must`. */
export function joinStates(a: HeldState | null, b: HeldState | null): HeldState | null {
  if (!a) return b && cloneState(b);
  if (!b) return cloneState(a);
  const out = cloneState(a);
  for (const [m, sites] of b.may) {
    const mine = out.may.get(m);
    if (!mine) out.may.set(m, sites);
    else if (mine !== sites) {
      const extra = sites.filter((r) => !mine.includes(r));
      if (extra.length > 0) out.may.set(m, [...mine, ...extra]);
    }
  }
  for (const m of out.must) if (!b.must.has(m)) out.must.delete(m);
  return out;
}

/** The state after `m` is taken by the statement at `site`. */
export function acquire(s: HeldState, m: number, site: SourceRange): void {
  s.may.set(m, [site]);
  s.must.add(m);
}

export function release(s: HeldState, m: number): void {
  s.may.delete(m);
  s.must.delete(m);
}

/** Applies a body's one-pass summary to a state. */
export function applySummary(s: HeldState | null, sum: BodySummary): HeldState | null {
  if (!s || sum.exits) return null;
  const out = cloneState(s);
  for (const [m, site] of sum.effects) {
    if (site) acquire(out, m, site);
    else release(out, m);
  }
  return out;
}

/** Summaries already computed, by body: give one per walk so nested loops are summarised once. */
export type SummaryCache = Map<Stmt[], BodySummary>;

/** One-pass summary of a body (cached per body array; linear in its size overall). */
export function summarise(body: Stmt[], cache: SummaryCache): BodySummary {
  const hit = cache.get(body);
  if (hit) return hit;
  const sum: BodySummary = { exits: false, effects: new Map() };
  for (const st of body) {
    if (st.op === 'lock' || st.op === 'wait') sum.effects.set(st.mutex, st.range);
    else if (st.op === 'unlock') sum.effects.set(st.mutex, null);
    else if (st.op === 'exit') {
      sum.exits = true;
      break;
    } else if (st.op === 'repeat') {
      // count >= 1, and a pass repeated has the effect of one pass.
      const inner = summarise(st.body, cache);
      for (const [m, site] of inner.effects) sum.effects.set(m, site);
      if (inner.exits) {
        sum.exits = true;
        break;
      }
    }
  }
  cache.set(body, sum);
  return sum;
}
