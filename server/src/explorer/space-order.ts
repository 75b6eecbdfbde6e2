/**
 * The children the search keeps at an order choice (partial-order reduction, por.ts): an ample
 * set of one stepper when its steps are independent of every other's, else every leaf, each
 * with the sleep set of the earlier siblings it is independent of.
 */
import type { Footprint } from '../simulator/world';
import { independent, mergeFootprint } from './por';
import { sleepAfter, type Leaf, type Node } from './space-types';

/** How the search keeps a leaf (its successor's snapshot, re-run if it was probed without one), and when it must stop. */
export interface Keeping {
  keep: (l: Leaf) => Leaf;
  /** True when a limit stops the search (`made`: children kept so far). */
  stop: (made: number) => boolean;
}

/**
 * The children of an order choice. When one stepper's steps are independent of every other
 * stepper's (an ample set of one), only its leaves are kept; otherwise every leaf, each
 * sleeping the earlier siblings it is independent of.
 */
export function reduceOrder(node: Node, ids: number[], leaves: Leaf[], children: Leaf[], how: Keeping): Node[] {
  const fps = new Map<number, Footprint>(node.sleep);
  for (const l of leaves) {
    const t = ids[l.firstPick ?? 0];
    const f = fps.get(t);
    if (f === undefined || node.sleep.has(t))
      fps.set(t, { keys: new Set(l.footprint.keys), dependent: l.footprint.dependent });
    else mergeFootprint(f, l.footprint);
  }
  const tried = [...new Set(leaves.map((l) => ids[l.firstPick ?? 0]))];
  if (tried.length > 1 && ids.every((u) => fps.has(u))) {
    const ample = tried.find((t) =>
      ids.every((u) => u === t || independent(fps.get(t) as Footprint, fps.get(u) as Footprint)),
    );
    if (ample !== undefined) {
      return children
        .filter((l) => ids[l.firstPick ?? 0] === ample)
        .map((l) => ({
          ...(how.keep(l).child as Omit<Node, 'sleep'>),
          sleep: sleepAfter(node.sleep, ample, l.footprint),
        }));
    }
  }
  return withSleepSets(node, ids, children, how);
}

/** Children of an order choice: each sleeps the earlier siblings it is independent of. */
function withSleepSets(node: Node, ids: number[], leaves: Leaf[], how: Keeping): Node[] {
  const fps = new Map<number, Footprint>();
  for (const l of leaves) {
    const t = ids[l.firstPick ?? 0];
    const f = fps.get(t);
    if (f === undefined) fps.set(t, { keys: new Set(l.footprint.keys), dependent: l.footprint.dependent });
    else mergeFootprint(f, l.footprint);
  }
  const done = new Map(node.sleep);
  const out: Node[] = [];
  let current = -1;
  for (const l of leaves) {
    if (how.stop(out.length)) break;
    const t = ids[l.firstPick ?? 0];
    if (t !== current) {
      if (current >= 0) done.set(current, fps.get(current) as Footprint);
      current = t;
    }
    const sleep = new Map<number, Footprint>();
    for (const [u, fu] of done) if (u !== t && independent(fu, l.footprint)) sleep.set(u, fu);
    out.push({ ...(how.keep(l).child as Omit<Node, 'sleep'>), sleep });
  }
  return out;
}
