/**
 * The reductions never lose a finding: over generated small scenarios, the problems the reduced
 * state-space search reaches (state hashing, partial-order and symmetry reduction) are exactly
 * those plain exhaustive search (every schedule from the start) reaches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/language';
import { searchSpace, type Problem } from '../../src/explorer/space';
import { exhaustiveProblems } from '../../src/explorer/stateless';
import { smallScenario } from './generate-small';

const ALL: ReadonlySet<Problem> = new Set(['deadlock', 'hang', 'inversion', 'fault']);

test('on 200 generated scenarios, all reductions reach the problems plain exhaustive search reaches', () => {
  let compared = 0;
  const found = new Map<Problem, number>();
  for (let seed = 1; compared < 200 && seed < 600; seed++) {
    const text = smallScenario(seed);
    const { model } = compile(text);
    assert.ok(model, text);
    const reference = exhaustiveProblems(model, {}, 5_000);
    if (reference === null) continue;
    const reduced = searchSpace(model, { watch: ALL, all: true });
    assert.equal(reduced.complete, true, `the reduced search is complete:\n${text}`);
    const got = new Set(reduced.findings.map((f) => f.problem));
    assert.deepEqual([...got].sort(), [...reference].sort(), `seed ${seed}:\n${text}`);
    for (const p of got) found.set(p, (found.get(p) ?? 0) + 1);
    compared++;
  }
  assert.equal(compared, 200, 'two hundred scenarios compared');
  // The comparison means something only if the scenarios reach problems.
  assert.ok((found.get('deadlock') ?? 0) > 5, `deadlocks in ${found.get('deadlock')}`);
  assert.ok((found.get('hang') ?? 0) > 5, `hangs in ${found.get('hang')}`);
  assert.ok((found.get('inversion') ?? 0) > 3, `inversions in ${found.get('inversion')}`);
  assert.ok((found.get('fault') ?? 0) > 5, `faults in ${found.get('fault')}`);
});
