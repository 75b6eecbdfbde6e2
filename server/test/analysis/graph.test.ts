import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachCycle, stronglyConnected, type Adjacency } from '../../src/analysis/graph';

function cyclesOf(adj: Adjacency, steps = 1_000_000): number[][] {
  const out: number[][] = [];
  for (const comp of stronglyConnected(adj)) {
    if (comp.length < 2) continue;
    forEachCycle(adj, comp, { steps }, (c) => {
      out.push(c);
      return true;
    });
  }
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

describe('lock-order graph helpers', () => {
  test('strongly connected components', () => {
    // 0⇄1, 1→2, 2→3→4→2, 5 alone
    const adj: Adjacency = [[1], [0, 2], [3], [4], [2], []];
    const comps = stronglyConnected(adj)
      .map((c) => c.join(','))
      .sort();
    assert.deepEqual(comps, ['0,1', '2,3,4', '5']);
  });

  test('a chain of 100,000 vertices does not overflow the stack', () => {
    const n = 100_000;
    const adj: Adjacency = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    assert.equal(stronglyConnected(adj).length, 1);
    assert.equal(cyclesOf(adj).length, 1);
  });

  test('every elementary cycle once, from its smallest vertex', () => {
    const adj: Adjacency = [
      [1, 2],
      [0, 2],
      [0, 1],
    ];
    assert.deepEqual(cyclesOf(adj), [
      [0, 1],
      [0, 1, 2],
      [0, 2],
      [0, 2, 1],
      [1, 2],
    ]);
  });

  test('the budget bounds the enumeration of a complete graph', () => {
    const n = 12;
    const adj: Adjacency = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => j).filter((j) => j !== i),
    );
    const budget = { steps: 5000 };
    let found = 0;
    const finished = forEachCycle(adj, stronglyConnected(adj)[0], budget, () => {
      found++;
      return true;
    });
    assert.equal(finished, false);
    assert.ok(found > 0 && found <= 5000);
  });
});
