/**
 * Simultaneous arrivals (docs/reference/language.md §5.5), the library's preemption when an unparked LWP gets no
 * CPU (§5.3), and the end of a run at its last thread event (§9).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertConservation, expectThread, oneToOne, run } from './helpers';

test('sjf: jobs of 9, 2, 2 and 10 ticks arriving together run 2, 2, 9, 10 (the textbook exercise)', () => {
  const r = run(
    oneToOne(
      'cpus 1 policy sjf',
      'thread job0 { compute 9 } thread job1 { compute 2 } thread job2 { compute 2 } thread job3 { compute 10 }',
    ),
  );
  expectThread(r, 'job1', { firstRun: 0, finish: 2 });
  expectThread(r, 'job2', { firstRun: 2, finish: 4 });
  expectThread(r, 'job0', { firstRun: 4, finish: 13 });
  expectThread(r, 'job3', { firstRun: 13, finish: 23 });
  assert.equal(r.endTime, 23);
});

test('sjf under many_to_many: the pool LWP is keyed by its run queue head, which is the shortest job', () => {
  const r = run(`scenario "t" { cpus 1 policy sjf }
process p { model many_to_many lwps 1 thread long priority 5 { compute 9 } thread short priority 5 { compute 2 } }`);
  // One LWP: the library runs its queue by priority then FIFO; sjf orders KLTs, not ULTs.
  expectThread(r, 'long', { firstRun: 0 });
});

for (const lwps of [1, 2]) {
  test(`priority, many_to_many with lwps ${lwps}: a low thread declared first does not run first or cost a signal`, () => {
    const r = run(`scenario "t" { cpus 1 }
process p { model many_to_many lwps ${lwps} thread low priority 1 { compute 3 } thread high priority 9 { compute 2 } }`);
    expectThread(r, 'high', { firstRun: 0, finish: 2 });
    expectThread(r, 'low', { firstRun: 2, finish: 5 });
    assert.equal(r.counters.ipis, 0);
    assert.ok(!r.events?.some((e) => e.kind === 'preempt'), 'nobody is preempted');
    assertConservation(r);
  });
}

test('priority, one_to_one with cost switch 2: no switch is spent on the low thread declared first', () => {
  const r = run(
    oneToOne('cpus 1 cost switch 2', 'thread low priority 1 { compute 3 } thread high priority 9 { compute 2 }'),
  );
  expectThread(r, 'high', { firstRun: 0, finish: 2 });
  // The only switch: high to low, at 2.
  expectThread(r, 'low', { firstRun: 4, finish: 7 });
  assert.equal(r.counters.switches, 1);
  assert.equal(r.counters.ipis, 0);
  assertConservation(r);
});

test('arrivals at one instant take the idle CPUs in queue order (priority), each its last CPU first', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      'thread a priority 1 { compute 4 } thread b priority 5 { compute 1 io 1 compute 1 } thread c priority 9 { compute 1 io 1 compute 1 }',
    ),
  );
  // At 0, c and b take CPU 0 and 1 (queue order), a waits; b and c come back from io at 2
  // together with nothing to preempt but a, which runs on a CPU one of them left.
  expectThread(r, 'c', { firstRun: 0 });
  expectThread(r, 'b', { firstRun: 0 });
  expectThread(r, 'a', { firstRun: 1 });
  const firstRuns = r.events?.filter((e) => e.kind === 'run' && e.t === 0).map((e) => `${e.thread}@${e.cpu}`);
  assert.deepEqual(firstRuns, ['c@0', 'b@1']);
});

test('an unparked LWP that gets no CPU does not keep a high thread waiting: the library preempts', () => {
  const r = run(`scenario "t" { cpus 1 }
process p { model many_to_many lwps 2 thread lo priority 1 { compute 10 } thread hi priority 9 at 1 { compute 1 } }`);
  expectThread(r, 'hi', { firstRun: 1, finish: 2 });
  expectThread(r, 'lo', { finish: 11 });
  assert.equal(r.counters.ipis, 1, 'a creation at `at` preempts by signal');
  assertConservation(r);
});

test('the run ends at the last thread event: an LWP switched in only to park is not part of it', () => {
  const r = run(`scenario "t" { cpus 1 cost switch 1 }
process p { model many_to_many lwps 2 thread lo priority 1 { compute 10 } thread hi priority 9 at 1 { compute 1 } }`);
  // lo exits at 11 (hi 1..2 on the same LWP: a library switch costs no kernel switch); then the
  // second LWP, unparked at 1, is switched in (11..12) only to park.
  expectThread(r, 'lo', { finish: 11 });
  assert.equal(r.endTime, 11);
  assertConservation(r);
  const cpu = r.cpus[0];
  assert.equal(cpu.busy + cpu.overhead + cpu.idle, 11);
  assert.equal(cpu.overhead, 0);
  assert.ok(
    r.events?.every((e) => e.t <= 11),
    'no event after the end',
  );
  const last = r.events?.at(-1);
  assert.equal(last?.kind, 'exit');
  assert.equal(last?.thread, 'lo');
  assert.ok(r.spans?.every((s) => s.end <= 11));
  // The counters stop there too: the dispatch of the second LWP at 11 is not counted.
  assert.equal(r.counters.switches, 0);
  const dispatches = r.events?.filter(
    (e) => (e.kind === 'run' || e.kind === 'switch') && e.cpu !== null && e.lwp === 2,
  );
  assert.equal(dispatches?.length, 0);
});
