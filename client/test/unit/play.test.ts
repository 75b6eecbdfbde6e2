import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '@server/language';
import { ScheduleStepper } from '@server/explorer/stepper';
import { goalText, initialPlay, playKey, reducePlay } from '../../src/webview/play';

const TEXT = `scenario "Two orders" { cpus 2 }
process app {
  model one_to_one
  mutex a
  mutex b
  thread left { compute 1..3 lock a compute 2 lock b unlock b unlock a }
  thread right { compute 4 lock b compute 2 lock a unlock a unlock b }
}
`;

function stepper() {
  const c = compile(TEXT);
  assert.ok(c.model);
  return new ScheduleStepper(c.model);
}

test('play: the pending choice is asked in words without its instant; keys 1–9 pick, Backspace undoes', () => {
  const st = stepper();
  let s = reducePlay(initialPlay(), { type: 'at', pending: st.pending, picks: 0 });
  assert.ok(s.asked);
  assert.equal(s.asked.t, 0);
  assert.equal(s.asked.question, 'Which thread steps first?');
  assert.deepEqual(s.asked.alternatives, ['left steps first', 'right steps first']);
  assert.deepEqual(playKey(s, '2'), { pick: 1 });
  assert.equal(playKey(s, '3'), null, 'no third alternative');
  assert.equal(playKey(s, '0'), null);
  assert.equal(playKey(s, 'Backspace'), null, 'nothing to undo');
  assert.ok(st.choose(0));
  s = reducePlay(s, { type: 'at', pending: st.pending, picks: st.choices().length });
  assert.match(s.asked?.question ?? '', /^How long does left's compute take\?$/);
  assert.deepEqual(s.asked?.alternatives, [
    "left's compute takes 1",
    "left's compute takes 2",
    "left's compute takes 3",
  ]);
  assert.deepEqual(playKey(s, 'Backspace'), { undo: true });
  s = reducePlay(s, { type: 'searching' });
  assert.equal(playKey(s, '1'), null, 'keys wait while the search runs');
  s = reducePlay(s, { type: 'searched', found: false, gaveUp: true });
  assert.equal(s.search, 'gave-up');
  s = reducePlay(s, { type: 'at', pending: null, picks: 5 });
  assert.deepEqual([s.asked, s.search], [null, 'idle']);
});

test('play: goals in words', () => {
  assert.equal(goalText({ kind: 'problem', problem: 'deadlock' }), 'reach a deadlock');
  assert.equal(goalText({ kind: 'wait', thread: 'high', ticks: 10 }), 'make high wait at least 10 ticks');
  assert.equal(goalText({ kind: 'wait', thread: 'high', ticks: 1 }), 'make high wait at least 1 tick');
});
