import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alternativesOf as statelessAlternatives,
  MAX_RANGE_ALTERNATIVES,
  ScheduleTree,
} from '../../src/explorer/stateless';
import { alternativesOf, describeChoice } from '../../src/explorer/unit-tree';
import { parseChoicesFile, replayHook } from '../../src/explorer/replay';
import type { Choice } from '../../src/simulator/api';

/** A stand-in for a run: `shape(picks so far)` says the next choice, or null at the end. */
function runOnce(tree: ScheduleTree, shape: (picks: number[]) => Choice | null): number[] {
  const { choose } = tree.optionsFor({});
  const picks: number[] = [];
  for (let c = shape(picks); c; c = shape(picks)) picks.push(choose!(c));
  return picks;
}

test('the search visits every path of a choice tree once, the default path first', () => {
  const tree = new ScheduleTree();
  // Three binary order choices whose default is the second alternative.
  const shape = (picks: number[]): Choice | null =>
    picks.length < 3 ? { t: picks.length, kind: 'order', count: 2, defaultPick: 1 } : null;
  const seen: string[] = [];
  do seen.push(runOnce(tree, shape).join(''));
  while (tree.advance());
  assert.equal(seen[0], '111');
  assert.equal(seen.length, 8);
  assert.equal(new Set(seen).size, 8);
  assert.equal(tree.exhausted, true);
  assert.equal(tree.nodes, 1 + 2 + 4);
});

test('the search follows trees whose later choices depend on earlier picks', () => {
  const tree = new ScheduleTree();
  // After pick 0 comes a three-way tie; after pick 1 nothing.
  const shape = (picks: number[]): Choice | null => {
    if (picks.length === 0) return { t: 0, kind: 'tie', count: 2, defaultPick: 0 };
    if (picks.length === 1 && picks[0] === 0) return { t: 1, kind: 'tie', count: 3, defaultPick: 2 };
    return null;
  };
  const seen: string[] = [];
  do seen.push(runOnce(tree, shape).join(','));
  while (tree.advance());
  assert.deepEqual(seen, ['0,2', '0,0', '0,1', '1']);
});

test('the recorded choices and the departures from the default describe the schedule', () => {
  const tree = new ScheduleTree();
  const shape = (picks: number[]): Choice | null =>
    picks.length < 1 ? { t: 4, kind: 'order', count: 2, defaultPick: 0, labels: ['a', 'b'] } : null;
  runOnce(tree, shape);
  assert.deepEqual(tree.choices(), [{ t: 4, kind: 'order', pick: 0 }]);
  assert.deepEqual(tree.departures(), []);
  assert.ok(tree.advance());
  runOnce(tree, shape);
  assert.deepEqual(tree.choices(), [{ t: 4, kind: 'order', pick: 1 }]);
  assert.deepEqual(tree.departures(), ['at t=4, b steps first']);
  assert.equal(tree.advance(), false);
});

test('the plain exhaustive search samples wide ranges (default, both ends, spread)', () => {
  const wide: Choice = { t: 0, kind: 'range', count: 1001, defaultPick: 417 };
  const { alternatives, sampled } = statelessAlternatives(wide);
  assert.equal(sampled, true);
  assert.equal(alternatives.length, MAX_RANGE_ALTERNATIVES);
  assert.equal(alternatives[0], 417);
  assert.ok(alternatives.includes(0) && alternatives.includes(1000));
  const narrow = statelessAlternatives({ t: 0, kind: 'range', count: 3, defaultPick: 1 });
  assert.deepEqual(narrow, { alternatives: [1, 2, 0], sampled: false });
});

test('the state-space search enumerates ranges up to the cap from their smallest value, samples above', () => {
  const wide: Choice = { t: 0, kind: 'range', count: 1001, defaultPick: 417, base: 2, what: "w's compute" };
  const { alternatives, sampled } = alternativesOf(wide, 16);
  assert.equal(sampled, true);
  assert.equal(alternatives.length, 16);
  assert.ok(alternatives.includes(0) && alternatives.includes(1000) && alternatives.includes(417));
  assert.deepEqual(
    alternatives,
    [...alternatives].sort((a, b) => a - b),
  );
  assert.deepEqual(alternativesOf({ t: 0, kind: 'range', count: 16, defaultPick: 3 }, 16), {
    alternatives: Array.from({ length: 16 }, (_, k) => k),
    sampled: false,
  });
  assert.equal(describeChoice(wide, 2), "at t=0, w's compute takes 4");
});

test('a choices file is validated with a one-line reason', () => {
  assert.match(String(parseChoicesFile(null)), /JSON object/);
  assert.match(String(parseChoicesFile({ version: 3, choices: [] })), /"version": 2/);
  const v1 = String(parseChoicesFile({ version: 1, choices: [] }));
  assert.match(v1, /version-1 .*simultaneous arrivals/);
  assert.ok(!v1.includes('\n'), 'one line');
  assert.match(String(parseChoicesFile({ version: 2, choices: [{ t: 1, kind: 'coin', pick: 0 }] })), /choice 1/);
  assert.deepEqual(parseChoicesFile({ version: 2, choices: [{ t: 1, kind: 'tie', pick: 2 }] }), {
    version: 2,
    choices: [{ t: 1, kind: 'tie', pick: 2 }],
  });
});

test('a replay takes the recorded picks, then the defaults, and reports a divergence', () => {
  const r = replayHook({
    version: 2,
    choices: [
      { t: 0, kind: 'tie', pick: 1 },
      { t: 3, kind: 'range', pick: 9 },
    ],
  });
  assert.equal(r.hook({ t: 0, kind: 'tie', count: 2, defaultPick: 0 }), 1);
  assert.equal(r.mismatch(), null);
  // Pick 9 is out of range for a 4-way range: the default is taken and the mismatch named.
  assert.equal(r.hook({ t: 3, kind: 'range', count: 4, defaultPick: 2 }), 2);
  assert.match(
    String(r.mismatch()),
    /choice 2: the file has 'range' at t=3 \(pick 9\) where the run met 'range' at t=3 with 4 alternatives/,
  );
  assert.equal(r.hook({ t: 5, kind: 'order', count: 3, defaultPick: 0 }), 0);
});
