/** Checkpoints for predict-then-reveal: where they fall, and questions answered from the run. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkpoints, markedLines, observe } from '../../src/teaching';

const JOBS = `scenario "s" { cpus 1 policy rr quantum 2 cost switch 1 }
process p {
  model one_to_one
  thread a { compute 3 }
  thread b { compute 2 }  // ? who runs after a's quantum
}
`;

describe('checkpoints', () => {
  test('every scheduling decision: the thread dispatched there is the answer to "who runs next"', () => {
    const run = observe(JOBS);
    const cps = checkpoints(run, { kind: 'decisions' });
    const dispatches = (run.result.events ?? []).filter(
      (e) => (e.kind === 'run' || e.kind === 'switch') && e.thread !== null,
    );
    assert.ok(cps.length >= 3, 'a, b, then a again');
    assert.deepEqual(
      cps.map((c) => [c.t, c.questions[0].answer.value]),
      dispatches.map((e) => [e.t, e.thread]),
    );
    assert.ok(
      cps.every((c, k) => k === 0 || c.t >= cps[k - 1].t),
      'in time order',
    );
  });

  test('every N ticks, with the state during that tick and a rotating second question', () => {
    const run = observe(JOBS);
    const cps = checkpoints(run, { kind: 'every', ticks: 2 });
    assert.deepEqual(
      cps.map((c) => c.t),
      Array.from({ length: Math.ceil(run.result.endTime / 2) - 1 }, (_, k) => 2 * (k + 1)),
    );
    for (const c of cps) {
      assert.equal(c.questions[0].query.kind, 'running-at');
      assert.equal(c.questions.length, 2);
    }
    assert.deepEqual(
      cps.map((c) => c.questions[1].query.kind),
      cps.map((_, k) => (k % 2 === 0 ? 'metric' : 'deadlock')),
      'finish times and the deadlock question take turns (no many_to_many pool here)',
    );
  });

  test('statements marked `// ?` give a checkpoint when they cause an event', () => {
    assert.deepEqual(markedLines(JOBS), [4]);
    assert.deepEqual(markedLines('scenario "a // ? b" {}\n// ?\n'), [1], 'not inside a string');
    const run = observe(JOBS);
    const cps = checkpoints(run, { kind: 'marks', lines: markedLines(JOBS) });
    const b = (run.result.events ?? []).filter((e) => e.thread === 'b' && e.range?.start.line === 4);
    assert.deepEqual(
      cps.map((c) => c.t),
      [...new Set(b.map((e) => e.t))],
    );
  });

  test('answers are those of the finished run, and the same run gives the same checkpoints', () => {
    const text = `scenario "s" { cpus 1 cost lwp_create 2 }
process app { lwps 1 thread r { io 5 } thread w { compute 4 } }
`;
    const one = checkpoints(observe(text), { kind: 'decisions' });
    assert.deepEqual(one, checkpoints(observe(text), { kind: 'decisions' }));
    const lwps = one.flatMap((c) => c.questions).find((q) => q.query.kind === 'lwps-at');
    assert.ok(lwps, 'a many_to_many pool is asked about');
    const finishes = one.flatMap((c) => c.questions).filter((q) => q.query.kind === 'metric');
    assert.ok(finishes.length > 0);
    for (const q of finishes) {
      const name = q.query.kind === 'metric' ? q.query.threads[0] : '';
      const t = observe(text).result.threads.find((x) => x.name === name);
      assert.deepEqual(q.answer.value, { [name]: t?.finish });
    }
  });
});
