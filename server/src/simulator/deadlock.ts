/**
 * The deadlock detector: a cycle in the wait-for graph (a thread waits for the owner of a
 * mutex, or for the exit of the threads it joins; spinning waiters included), checked each
 * time an edge appears. Each thread of the cycle gets a diagnostic on its `lock`/`join`.
 */
import { FP, type World } from './world';
import { must, type ThreadRt } from './entities';
import type { Diagnostic } from '../language/diagnostic';
import type { SourceRange } from '../language/model';

function waitsFor(t: ThreadRt): ThreadRt[] {
  if (t.waitMutex !== null) return t.waitMutex.owner ? [t.waitMutex.owner] : [];
  if (t.waitJoin !== null) return t.waitJoin.filter((x) => x.end === null);
  return [];
}

/** Longest chain of mutex waits followed without the general search. */
const CHAIN_LIMIT = 64;

/** A cycle of waits through `start` (start first, each waiting for the next), or null. */
export function findCycle(start: ThreadRt, w: World | null = null): ThreadRt[] | null {
  // The common case, checked on every contended lock: a chain of mutex waits, each thread
  // waiting for one owner. It is followed without allocating; joins, or a chain longer than
  // CHAIN_LIMIT (which may be a cycle not through start), take the general search below.
  let t = start;
  for (let k = 0; k < CHAIN_LIMIT; k++) {
    const m = t.waitMutex;
    if (m === null) {
      if (t.waitJoin !== null) return searchCycle(start, w);
      return null;
    }
    const o = m.owner;
    if (o === null) return null;
    // The walk reads what the owner waits for: a step that changes it does not commute with this one.
    w?.touched(FP.thread(o.id));
    if (o === start) {
      // Walk the chain again from start, keeping its threads (every one waits for a mutex).
      const path: ThreadRt[] = [start];
      for (let x = mutexOwnerOf(start); x !== start; x = mutexOwnerOf(x)) path.push(x);
      return path;
    }
    t = o;
  }
  return searchCycle(start, w);
}

/** The owner of the mutex a thread of a mutex-wait chain waits for. */
function mutexOwnerOf(t: ThreadRt): ThreadRt {
  return must(
    must(t.waitMutex, 'a thread of a mutex-wait chain waits for a mutex').owner,
    'a waited-for mutex has an owner',
  );
}

/** Depth-first search of the wait-for graph from `start`. */
function searchCycle(start: ThreadRt, w: World | null): ThreadRt[] | null {
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
    w?.touched(FP.thread(next.id));
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

/**
 * The cycle told from its thread at `from`: "A holds X and waits for Y, held by B, which waits
 * for X". Reads only the threads it names.
 */
export function cycleMessage(w: World, ring: ThreadRt[], from = 0): string {
  const n = ring.length;
  const at = (i: number): ThreadRt => ring[(from + i) % n];
  const first = at(0);
  const prev = at(n - 1);
  if (n === 1) {
    const what = first.waitMutex
      ? `holds ${first.waitMutex.name} and locks it again (mutexes are not recursive)`
      : 'joins itself';
    return `deadlock at t=${w.now}: ${first.name} ${what}`;
  }
  const holds = prev.waitMutex !== null && prev.waitMutex.owner === first ? `holds ${prev.waitMutex.name} and ` : '';
  let msg = `deadlock at t=${w.now}: ${first.name} ${holds}waits for ${edge(first, at(1))}`;
  // A long cycle is told up to its 8th thread (docs/reference/diagnostics.md), then counted.
  const told = Math.min(n, MAX_TOLD);
  for (let i = 1; i < told; i++) {
    const t = at(i);
    const before = at(i - 1);
    if (before.waitMutex !== null) msg += `, held by ${t.name}`;
    msg += `, which waits for ${edge(t, at(i + 1))}`;
  }
  if (told < n) msg += `, … (a cycle of ${n} threads, ${n - told} more not named)`;
  return msg;
}

/** Threads of a cycle named in its message. */
const MAX_TOLD = 8;

/**
 * Records the deadlock: one diagnostic per waiting statement, told from the first declared
 * thread that waits there (the threads of an array share their statements, so a cycle of a
 * thousand philosophers is one diagnostic, not a thousand). Linear in the cycle's length.
 */
export function reportDeadlock(w: World, cycle: ThreadRt[]): void {
  w.deadlockFound = true;
  const n = cycle.length;
  const shown = cycle.slice(0, MAX_TOLD).map((t) => t.name);
  w.rec?.event('deadlock', cycle[0], { detail: shown.join(' → ') + (n > MAX_TOLD ? ` → … (${n} threads)` : '') });
  // The first declared thread waiting at each statement, and where in the cycle it sits.
  const firstAt = new Map<SourceRange, number>();
  for (let k = 0; k < n; k++) {
    const t = cycle[k];
    const at = t.waitRange ?? t.spec.range;
    const prev = firstAt.get(at);
    if (prev === undefined || t.ord < cycle[prev].ord) firstAt.set(at, k);
  }
  const related = [...firstAt.entries()].map(([range, k]) => ({ range, message: `${cycle[k].name} waits here` }));
  const order = [...firstAt.values()].sort((a, b) => cycle[a].ord - cycle[b].ord);
  for (const k of order) {
    const t = cycle[k];
    const range = t.waitRange ?? t.spec.range;
    const d: Diagnostic = {
      code: 'deadlock',
      severity: 'error',
      message: cycleMessage(w, cycle, k),
      range,
      time: w.now,
      relatedInformation: related.filter((r) => r.range !== range),
      // The cycle from this thread on, as far as the message tells it.
      data: {
        threads: Array.from({ length: Math.min(n, MAX_TOLD) }, (_, i) => cycle[(k + i) % n].name),
        cycleLength: n,
      },
    };
    w.diags.push(d);
  }
}
