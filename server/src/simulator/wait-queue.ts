/**
 * The waiters of a mutex, a condition variable or a semaphore: kept in arrival order, with a
 * count of waiters per effective priority beside them, so that the best waiter (highest
 * priority, first come among equals) is found without a scan of the queue: a storm of
 * thousands of waiters costs each hand-off about as much as a queue of one (docs/reference/language.md §2
 * "Limits": no step quadratic in the number of threads).
 *
 * Whoever changes a queued thread's effective priority tells its queue (`reprioritized`);
 * a snapshot's restore rebuilds the counts from the refilled queue (`recount`).
 */
import type { ThreadRt } from './entities';

/** A queue of waiters and their priorities. */
export interface WaitQueue {
  /** Waiters in arrival order. */
  waiters: ThreadRt[];
  /** How many waiters have each effective priority (priorities with none are absent). */
  prios: Map<number, number>;
}

function bump(q: WaitQueue, prio: number, by: number): void {
  const n = (q.prios.get(prio) ?? 0) + by;
  if (n === 0) q.prios.delete(prio);
  else q.prios.set(prio, n);
}

/** A new, empty queue's fields. */
export function emptyQueue(): WaitQueue {
  return { waiters: [], prios: new Map() };
}

/** Queues a thread at the tail. */
export function enqueueWaiter(q: WaitQueue, th: ThreadRt): void {
  q.waiters.push(th);
  bump(q, th.effPrio, 1);
}

/** The highest effective priority among the waiters (-Infinity when there are none). */
export function topPriority(q: WaitQueue): number {
  let top = -Infinity;
  for (const p of q.prios.keys()) if (p > top) top = p;
  return top;
}

/** Where the best waiter is: the first of the highest priority; -1 when the queue is empty. */
export function bestIndex(q: WaitQueue): number {
  if (q.waiters.length === 0) return -1;
  const top = topPriority(q);
  const ws = q.waiters;
  for (let i = 0; i < ws.length; i++) if (ws[i].effPrio === top) return i;
  throw new Error('simulator invariant broken: a wait queue counts a priority none of its waiters has');
}

/** Removes and returns the waiter at `i`, keeping the order of the others. */
export function takeAt(q: WaitQueue, i: number): ThreadRt {
  const ws = q.waiters;
  const th = ws[i];
  if (i === 0) ws.shift();
  else {
    for (let k = i + 1; k < ws.length; k++) ws[k - 1] = ws[k];
    ws.pop();
  }
  bump(q, th.effPrio, -1);
  return th;
}

/** Removes a thread from the queue if it is there. */
export function removeWaiter(q: WaitQueue, th: ThreadRt): void {
  const i = q.waiters.indexOf(th);
  if (i >= 0) takeAt(q, i);
}

/** Empties the queue, returning its waiters in arrival order. */
export function takeAll(q: WaitQueue): ThreadRt[] {
  q.prios.clear();
  return q.waiters.splice(0);
}

/** A queued thread's effective priority changed from `from` to `to`. */
export function reprioritized(q: WaitQueue, from: number, to: number): void {
  bump(q, from, -1);
  bump(q, to, 1);
}

/** Rebuilds the counts from the waiters (after a snapshot refilled them). */
export function recount(q: WaitQueue): void {
  q.prios.clear();
  for (const th of q.waiters) bump(q, th.effPrio, 1);
}
