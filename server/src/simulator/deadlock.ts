/**
 * The deadlock detector: a cycle in the wait-for graph (a thread waits for the owner of a
 * mutex, or for the exit of the threads it joins; spinning waiters included), checked each
 * time an edge appears. Each thread of the cycle gets a diagnostic on its `lock`/`join`.
 */
import type { World } from './world';
import { must, type ThreadRt } from './entities';
import type { Diagnostic } from '../language/diagnostic';

function waitsFor(t: ThreadRt): ThreadRt[] {
  if (t.waitMutex !== null) return t.waitMutex.owner ? [t.waitMutex.owner] : [];
  if (t.waitJoin !== null) return t.waitJoin.filter((x) => x.end === null);
  return [];
}

/** Longest chain of mutex waits followed without the general search. */
const CHAIN_LIMIT = 64;

/** A cycle of waits through `start` (start first, each waiting for the next), or null. */
export function findCycle(start: ThreadRt): ThreadRt[] | null {
  // The common case, checked on every contended lock: a chain of mutex waits, each thread
  // waiting for one owner. It is followed without allocating; joins, or a chain longer than
  // CHAIN_LIMIT (which may be a cycle not through start), take the general search below.
  let t = start;
  for (let k = 0; k < CHAIN_LIMIT; k++) {
    const m = t.waitMutex;
    if (m === null) {
      if (t.waitJoin !== null) return searchCycle(start);
      return null;
    }
    const o = m.owner;
    if (o === null) return null;
    if (o === start) {
      // Walk the chain again from start, keeping its threads (every one waits for a mutex).
      const path: ThreadRt[] = [start];
      for (let x = mutexOwnerOf(start); x !== start; x = mutexOwnerOf(x)) path.push(x);
      return path;
    }
    t = o;
  }
  return searchCycle(start);
}

/** The owner of the mutex a thread of a mutex-wait chain waits for. */
function mutexOwnerOf(t: ThreadRt): ThreadRt {
  return must(
    must(t.waitMutex, 'a thread of a mutex-wait chain waits for a mutex').owner,
    'a waited-for mutex has an owner',
  );
}

/** Depth-first search of the wait-for graph from `start`. */
function searchCycle(start: ThreadRt): ThreadRt[] | null {
  const path: ThreadRt[] = [start];
  const iters: ThreadRt[][] = [waitsFor(start)];
  const idx: number[] = [0];
  const seen = new Set<number>([start.id]);
  while (path.length > 0) {
    const d = path.length - 1;
    const next = iters[d][idx[d]++];
    if (next === undefined) {
      path.pop();
      iters.pop();
      idx.pop();
      continue;
    }
    if (next === start) return path.slice();
    if (seen.has(next.id)) continue;
    seen.add(next.id);
    path.push(next);
    iters.push(waitsFor(next));
    idx.push(0);
  }
  return null;
}

/** What `a` waits for, said of `b` (the next in the cycle). */
function edge(a: ThreadRt, b: ThreadRt): string {
  return a.waitMutex !== null ? a.waitMutex.name : `the exit of ${b.name}`;
}

/** The cycle told from one thread: "A holds X and waits for Y, held by B, which waits for X". */
export function cycleMessage(w: World, cycle: ThreadRt[]): string {
  const n = cycle.length;
  const first = cycle[0];
  const prev = cycle[n - 1];
  if (n === 1) {
    const what = first.waitMutex
      ? `holds ${first.waitMutex.name} and locks it again (mutexes are not recursive)`
      : 'joins itself';
    return `deadlock at t=${w.now}: ${first.name} ${what}`;
  }
  const holds = prev.waitMutex !== null && prev.waitMutex.owner === first ? `holds ${prev.waitMutex.name} and ` : '';
  let msg = `deadlock at t=${w.now}: ${first.name} ${holds}waits for ${edge(first, cycle[1])}`;
  for (let i = 1; i < n; i++) {
    const t = cycle[i];
    const before = cycle[i - 1];
    if (before.waitMutex !== null) msg += `, held by ${t.name}`;
    msg += `, which waits for ${edge(t, cycle[(i + 1) % n])}`;
  }
  return msg;
}

/** Records the deadlock: one diagnostic per waiting statement (merged later by range). */
export function reportDeadlock(w: World, cycle: ThreadRt[]): void {
  w.deadlockFound = true;
  w.rec?.event('deadlock', cycle[0], { detail: cycle.map((t) => t.name).join(' → ') });
  // Told first from the thread declared first, so a merged diagnostic reads from it.
  const order = cycle.map((_, k) => k).sort((a, b) => cycle[a].ord - cycle[b].ord);
  for (const k of order) {
    const rot = [...cycle.slice(k), ...cycle.slice(0, k)];
    const t = rot[0];
    const d: Diagnostic = {
      code: 'deadlock',
      severity: 'error',
      message: cycleMessage(w, rot),
      range: t.waitRange ?? t.spec.range,
      time: w.now,
      relatedInformation: rot
        .slice(1)
        .flatMap((o) => (o.waitRange !== null ? [{ range: o.waitRange, message: `${o.name} waits here` }] : [])),
      data: { threads: rot.map((x) => x.name) },
    };
    w.diags.push(d);
  }
}
