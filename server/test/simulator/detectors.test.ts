/** Detectors of the simulation table of docs/reference/diagnostics.md. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, expectThread, oneToOne, run } from './helpers';

test('deadlock: a two-thread cycle is named from the first thread, on each lock, at its tick', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      `mutex a block
       mutex b block
       thread t1 { lock a compute 2 lock b unlock b unlock a }
       thread t2 { lock b compute 2 lock a unlock a unlock b }
       thread other { compute 5 }`,
    ),
  );
  assert.equal(r.outcome, 'deadlock');
  const d = r.diagnostics.filter((x) => x.code === 'deadlock');
  assert.equal(d.length, 2);
  assert.ok(d.every((x) => x.time === 2 && x.severity === 'error'));
  assert.ok(d.some((x) => x.message === 'deadlock at t=2: t1 holds a and waits for b, held by t2, which waits for a'));
  // The others run on; endTime is the last thread event.
  expectThread(r, 'other', { state: 'exited', finish: 7 });
  assert.equal(r.endTime, 7);
  expectThread(r, 't1', { state: 'blocked' });
});

test('deadlock: spinning waiters of a cycle stop spinning', () => {
  const r = run(
    oneToOne(
      'cpus 3',
      `mutex f[2] spin
       thread p[2] { lock f[i] compute 1 lock f[i+1] unlock f[i+1] unlock f[i] }`,
    ),
  );
  assert.equal(r.outcome, 'deadlock');
  const d = r.diagnostics.filter((x) => x.code === 'deadlock');
  assert.equal(d.length, 1, 'the array threads share the statement: one merged diagnostic');
  for (const n of ['p[0]', 'p[1]', 'f[0]', 'f[1]']) assert.ok(d[0].message.includes(n), d[0].message);
  assert.equal(
    r.cpus.reduce((s, c) => s + c.busy, 0),
    2,
  );
});

test('deadlock: relocking a held mutex, and joining in a cycle', () => {
  const r1 = run(oneToOne('cpus 1', 'mutex m thread t { lock m lock m }'));
  assert.equal(r1.outcome, 'deadlock');
  assert.match(r1.diagnostics[0].message, /t holds m and locks it again/);
  const r2 = run(oneToOne('cpus 2', 'thread a { join b } thread b { join a }'));
  assert.equal(r2.outcome, 'deadlock');
  assert.ok(r2.diagnostics.some((d) => d.message.includes('waits for the exit of b')));
});

test('hang: a semaphore never posted, a join on a thread never spawned', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      'semaphore s 0 thread a { compute 2 sem_wait s } thread b { join c } thread c deferred { compute 1 }',
    ),
  );
  assert.equal(r.outcome, 'hang');
  const h = r.diagnostics.filter((d) => d.code === 'hang');
  assert.equal(h.length, 2);
  assert.equal(r.endTime, 2);
  assert.ok(
    h.some(
      (d) =>
        d.message.startsWith('hang: blocked since t=2, run ended t=2: a waits on semaphore s forever') && d.time === 2,
    ),
    h.map((d) => d.message).join('\n'),
  );
  assert.ok(h.some((d) => d.message.includes('never spawned')));
  assert.ok(!codes(r).includes('deadlock'));
});

test('priority inversion: the total ticks, L, M and the mutex; none when bounded', () => {
  const text = (protocol: string) =>
    oneToOne(
      'cpus 1',
      `mutex bus block ${protocol}
       thread low priority 1 { lock bus compute 4 unlock bus }
       thread high priority 10 at 1 { lock bus compute 1 unlock bus }
       thread medium priority 5 at 2 { compute 10 }`,
    );
  const r = run(text(''));
  const d = r.diagnostics.find((x) => x.code === 'priority-inversion');
  assert.ok(d);
  assert.equal(d.time, 2);
  assert.match(d.message, /high .*bus.*low .*medium .*10 ticks/);
  assert.deepEqual(
    r.inversions?.map((i) => [i.start, i.end, i.high, i.low, i.medium, i.mutex]),
    [[2, 12, 'high', 'low', 'medium', 'bus']],
  );
  assert.ok(!codes(run(text('inherit'))).includes('priority-inversion'));
  // Waiting while L runs is bounded: no report.
  const bounded = run(
    oneToOne(
      'cpus 1',
      'mutex m block thread low priority 1 { lock m compute 4 unlock m } thread high priority 10 at 1 { lock m unlock m }',
    ),
  );
  assert.ok(!codes(bounded).includes('priority-inversion'));
});

test('starvation: ready longer than a quarter of the horizon', () => {
  const r = run(oneToOne('cpus 1 horizon 100', 'thread hog priority 5 { compute 60 } thread poor { compute 1 }'));
  const d = r.diagnostics.find((x) => x.code === 'starvation');
  assert.ok(d);
  assert.match(d.message, /poor was ready but did not run for 60 ticks/);
  assert.ok(
    !codes(
      run(oneToOne('cpus 1 horizon 1000', 'thread hog priority 5 { compute 60 } thread poor { compute 1 }')),
    ).includes('starvation'),
  );
});

test('horizon: the run stops there with live threads; exiting exactly at it completes', () => {
  const r = run(oneToOne('cpus 1 horizon 50', 'thread a { compute 80 }'));
  assert.equal(r.outcome, 'horizon');
  assert.equal(r.endTime, 50);
  expectThread(r, 'a', { state: 'running', cpuTime: 50 });
  assert.ok(codes(r).includes('horizon'));
  const exact = run(oneToOne('cpus 1 horizon 50', 'thread a { compute 50 }'));
  assert.equal(exact.outcome, 'completed');
  assert.ok(!codes(exact).includes('horizon'));
});

test('event budget: a zero-time loop stops quickly with outcome budget', () => {
  const t0 = process.hrtime.bigint();
  const r = run(oneToOne('cpus 1', 'thread looper { repeat 1000000000 { yield } }'), { maxEvents: 200000, record: {} });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(r.outcome, 'budget');
  const d = r.diagnostics.find((x) => x.code === 'event-budget');
  assert.ok(d);
  assert.equal(d.range.start.line, 3, 'located on the loop statement');
  assert.ok(ms < 5000, `took ${ms} ms`);
});

test('the default budget stops repeat 1000000000 { yield } too', () => {
  const r = run(oneToOne('cpus 1', 'thread looper { repeat 1000000000 { yield } }'), { record: {} });
  assert.equal(r.outcome, 'budget');
});

test('stack overflow with red zones on: a fault naming the thread, the process killed', () => {
  const r = run(oneToOne('cpus 2', 'thread a stack 4k { compute 1 stack_use 8k compute 1 } thread b { compute 10 }'));
  assert.equal(r.outcome, 'fault');
  expectThread(r, 'a', { state: 'faulted' });
  expectThread(r, 'b', { state: 'killed', finish: 1 });
  const d = r.diagnostics.find((x) => x.code === 'stack-overflow');
  assert.ok(d && d.time === 1 && d.message.includes('a touched 8192 bytes of its 4096-byte stack'));
});

test('stack overflow with red zones off: the next-created thread faults later; the diagnostic names both', () => {
  const r = run(`scenario "r" { cpus 2 }
process p {
  model one_to_one
  redzone off
  thread a stack 4k { compute 1 stack_use 8k compute 1 }
  thread b { compute 3 compute 1 }
}`);
  assert.equal(r.outcome, 'fault');
  expectThread(r, 'b', { state: 'faulted' });
  const d = r.diagnostics.find((x) => x.code === 'stack-overflow');
  assert.ok(d && d.time === 3 && d.message.includes('b faults') && d.message.includes('by a'));
  const silent = run(`scenario "r" { cpus 1 }
process p { model one_to_one redzone off thread a stack 4k { stack_use 8k } }`);
  assert.equal(silent.outcome, 'completed');
  assert.match(silent.diagnostics.find((x) => x.code === 'stack-overflow')?.message ?? '', /silent stack overflow/);
});

test('horizon: a thread due after the horizon means the run was cut short', () => {
  const r = run(oneToOne('cpus 1 horizon 50', 'thread a { compute 5 } thread late at 80 { compute 1 }'));
  assert.equal(r.outcome, 'horizon');
  assert.equal(r.endTime, 50);
  expectThread(r, 'late', { state: 'not-started', arrival: null });
  assert.match(r.diagnostics.find((d) => d.code === 'horizon')?.message ?? '', /1 thread not created yet: late/);
  assertConservationLite(r.cpus, r.endTime);
});

function assertConservationLite(cpus: { busy: number; overhead: number; idle: number }[], end: number): void {
  for (const c of cpus) assert.equal(c.busy + c.overhead + c.idle, end);
}
