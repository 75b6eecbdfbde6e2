/**
 * Play the scheduler (explorer/stepper.ts): the run stops at every choice point and waits for a
 * pick; undo goes back one pick; the picks replay with `run --replay`; "show me" finds and plays a
 * schedule that reaches a goal from where the player stands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/language';
import { ScheduleStepper } from '../../src/explorer/stepper';
import { replayHook } from '../../src/explorer/replay';
import { simulate } from '../../src/simulator';
import type { Model } from '../../src/language/model';

function modelOf(text: string): Model {
  const { model } = compile(text);
  assert.ok(model);
  return model;
}

const TABLE = modelOf(`scenario "three" { cpus 3 }
process p {
  model one_to_one
  mutex fork[3]
  thread phil[3] { compute 1..3 lock fork[i] compute 1 lock fork[i+1] compute 1 unlock fork[i+1] unlock fork[i] }
}`);

test('the run waits at each choice with its alternatives in words; picks move it on; undo goes back', () => {
  const s = new ScheduleStepper(TABLE, { record: { events: true, spans: true } });
  const first = s.pending;
  assert.ok(first, 'the first choice is pending');
  assert.equal(first.choice.kind, 'order');
  assert.deepEqual(first.alternatives, [
    'at t=0, phil[0] steps first',
    'at t=0, phil[1] steps first',
    'at t=0, phil[2] steps first',
  ]);
  assert.equal(s.choose(5), false, 'an alternative out of range is refused');
  assert.ok(s.choose(1));
  const draw = s.pending;
  assert.equal(draw?.choice.kind, 'range');
  assert.deepEqual(draw?.alternatives, [
    "at t=0, phil[1]'s compute takes 1",
    "at t=0, phil[1]'s compute takes 2",
    "at t=0, phil[1]'s compute takes 3",
  ]);
  assert.ok(s.choose(2));
  assert.deepEqual(
    s.choices().map((c) => [c.kind, c.pick]),
    [
      ['order', 1],
      ['range', 2],
    ],
  );
  assert.ok(s.undo());
  assert.equal(s.pending?.choice.kind, 'range', 'back at the draw');
  assert.ok(s.undo());
  assert.equal(s.pending?.choice.kind, 'order', 'back at the first choice');
  assert.equal(s.undo(), false, 'nothing left to undo');
});

test('played to the end, the picks replay the same run', () => {
  const s = new ScheduleStepper(TABLE);
  for (let guard = 0; s.pending !== null && guard < 200; guard++) s.choose(s.pending.choice.count - 1);
  assert.equal(s.done, true);
  const played = s.result();
  const replay = replayHook({ version: 2, choices: s.choices() });
  const again = simulate(TABLE, { choose: replay.hook });
  assert.equal(replay.mismatch(), null);
  assert.equal(again.outcome, played.outcome);
  assert.equal(again.endTime, played.endTime);
  assert.deepEqual(again.threads, played.threads);
});

test('"show me" plays a schedule that deadlocks, from the picks made so far', () => {
  const s = new ScheduleStepper(TABLE);
  s.choose(0);
  assert.ok(s.showMe({ kind: 'problem', problem: 'deadlock' }));
  assert.equal(s.choices()[0].pick, 0, 'the player’s pick is kept');
  const replay = replayHook({ version: 2, choices: s.choices() });
  assert.equal(simulate(TABLE, { choose: replay.hook }).outcome, 'deadlock');
});

test('"show me" reaches a wait of a thread, or says it cannot', () => {
  const m = modelOf(`scenario "w" { cpus 1 }
process p { model one_to_one mutex m
  thread a { compute 1..4 lock m compute 2 unlock m }
  thread b { compute 1 lock m compute 1 unlock m } }`);
  const s = new ScheduleStepper(m);
  assert.ok(s.showMe({ kind: 'wait', thread: 'b', ticks: 4 }));
  const r = simulate(m, { choose: replayHook({ version: 2, choices: s.choices() }).hook });
  const b = r.threads.find((t) => t.name === 'b');
  assert.ok(b && b.readyTime + b.blockedTime + b.spinTime >= 4);
  assert.equal(new ScheduleStepper(m).showMe({ kind: 'wait', thread: 'b', ticks: 100 }), false);
});
