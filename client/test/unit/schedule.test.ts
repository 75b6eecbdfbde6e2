import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '@server/language';
import { simulate } from '@server/simulator';
import { schedule } from '../../src/webview/schedule';

const TEXT = `scenario "Two orders" { cpus 2 }
process app {
  model one_to_one
  mutex a
  mutex b
  thread left { lock a compute 1..3 lock b unlock b unlock a }
  thread right { lock b compute 2 lock a unlock a unlock b }
}
`;

function model() {
  const c = compile(TEXT);
  assert.ok(c.model, JSON.stringify(c.diagnostics));
  return c.model;
}

test('a schedule plays its choices, then the default rule, and names the ones that depart from it', () => {
  const m = model();
  const seen: { t: number; kind: string; count: number; defaultPick: number }[] = [];
  simulate(m, { choose: (c) => (seen.push(c), c.defaultPick) });
  assert.ok(seen.length >= 2, `choices met: ${JSON.stringify(seen)}`);
  const first = seen[0];
  const other = (first.defaultPick + 1) % first.count;
  const s = schedule([{ t: first.t, kind: first.kind as 'order', pick: other }]);
  const run = simulate(m, { choose: s.hook, record: { events: true } });
  assert.equal(s.mismatch(), null);
  const taken = s.taken();
  assert.equal(taken.length, 1, 'only the choice of the list is marked');
  assert.equal(taken[0].kind, 'departure');
  assert.equal(taken[0].t, first.t);
  assert.match(taken[0].label, new RegExp(`^at t=${first.t}, `));
  assert.notDeepEqual(run.events, simulate(m, { record: { events: true } }).events, 'another schedule');

  const same = schedule([{ t: first.t, kind: first.kind as 'order', pick: first.defaultPick }]);
  simulate(m, { choose: same.hook });
  assert.deepEqual(
    same.taken().map((x) => x.kind),
    ['pick'],
    'the default pick, taken from the list, is a pick',
  );
});

test('choices that do not fit the run are a mismatch, and nothing after it is marked', () => {
  const s = schedule([
    { t: 99, kind: 'tie', pick: 0 },
    { t: 100, kind: 'tie', pick: 1 },
  ]);
  simulate(model(), { choose: s.hook });
  assert.match(s.mismatch() ?? '', /^choice 1: the file has 'tie' at t=99/);
  assert.deepEqual(s.taken(), []);
});
