/**
 * Wait queues: the best waiter is the first of the highest effective priority, found from the
 * per-priority counts; counts follow removals, priority changes and restores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ThreadRt } from '../../src/simulator/entities';
import {
  bestIndex,
  emptyQueue,
  enqueueWaiter,
  recount,
  removeWaiter,
  reprioritized,
  takeAll,
  takeAt,
  topPriority,
} from '../../src/simulator/wait-queue';

/** A stand-in thread: the queue reads only its effective priority. */
function th(name: string, effPrio: number): ThreadRt {
  return { name, effPrio } as ThreadRt;
}

test('the best waiter is the first to arrive of the highest priority', () => {
  const q = emptyQueue();
  assert.equal(bestIndex(q), -1);
  const [a, b, c, d] = [th('a', 1), th('b', 5), th('c', 5), th('d', 3)];
  for (const x of [a, b, c, d]) enqueueWaiter(q, x);
  assert.equal(topPriority(q), 5);
  assert.equal(takeAt(q, bestIndex(q)).name, 'b');
  assert.equal(takeAt(q, bestIndex(q)).name, 'c');
  assert.equal(takeAt(q, bestIndex(q)).name, 'd');
  assert.equal(takeAt(q, bestIndex(q)).name, 'a');
  assert.equal(q.prios.size, 0);
});

test('a queued waiter lifted (inheritance) goes first; one removed no longer counts', () => {
  const q = emptyQueue();
  const [a, b, c] = [th('a', 2), th('b', 2), th('c', 2)];
  for (const x of [a, b, c]) enqueueWaiter(q, x);
  reprioritized(q, c.effPrio, 9);
  c.effPrio = 9;
  assert.equal(q.waiters[bestIndex(q)], c);
  removeWaiter(q, c);
  assert.equal(topPriority(q), 2);
  assert.equal(q.waiters[bestIndex(q)], a);
  assert.deepEqual(
    takeAll(q).map((x) => x.name),
    ['a', 'b'],
  );
  assert.equal(topPriority(q), -Infinity);
});

test('recount rebuilds the counts of a refilled queue', () => {
  const q = emptyQueue();
  q.waiters.push(th('a', 4), th('b', 7), th('c', 7));
  recount(q);
  assert.deepEqual([...q.prios].sort(), [
    [4, 1],
    [7, 2],
  ]);
  assert.equal(q.waiters[bestIndex(q)].name, 'b');
});
