/** Mutexes, condvars, semaphores and joins (docs/reference/language.md §8), instant by instant. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, expectThread, oneToOne, run, assertConservation } from './helpers';

test('spin: the waiter busy-waits on its CPU, even while the owner is off CPU', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      'mutex m spin thread o { lock m compute 2 io 3 compute 1 unlock m } thread w at 1 { lock m compute 1 unlock m }',
    ),
  );
  // o: 0..2, io 2..5, 5..6 unlock; w spins 1..6, runs 6..7.
  expectThread(r, 'w', { spinTime: 5, finish: 7, blockedTime: 0 });
  assertConservation(r);
});

test('block: the waiter sleeps and is woken by the hand-off', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      'mutex m block thread o { lock m compute 4 unlock m } thread w at 1 { lock m compute 1 unlock m }',
    ),
  );
  expectThread(r, 'w', { spinTime: 0, blockedTime: 3, finish: 5 });
});

test('adaptive: spins while the owner runs, sleeps once the owner leaves its CPU', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      'mutex m adaptive thread o { lock m compute 2 io 3 compute 1 unlock m } thread w at 1 { lock m compute 1 unlock m }',
    ),
  );
  // w spins 1..2; o blocks in io at 2: w sleeps 2..6; woken at 6, runs 6..7.
  expectThread(r, 'w', { spinTime: 1, blockedTime: 4, finish: 7 });
});

test('adaptive: a waiter arriving while the owner is off CPU sleeps at once', () => {
  const r = run(oneToOne('cpus 2', 'mutex m thread o { lock m io 4 unlock m } thread w at 1 { lock m unlock m }'));
  expectThread(r, 'w', { spinTime: 0, blockedTime: 3, finish: 4 });
});

test('unlock hands the mutex to the highest-priority waiter, FIFO among equals', () => {
  const r = run(
    oneToOne(
      'cpus 4',
      `mutex m block
       thread o { lock m compute 5 unlock m }
       thread a priority 1 at 1 { lock m compute 1 unlock m }
       thread b priority 3 at 2 { lock m compute 1 unlock m }
       thread c priority 1 at 3 { lock m compute 1 unlock m }`,
    ),
  );
  // b (3) gets it at 5, then a (first of the 1s) at 6, then c at 7.
  expectThread(r, 'b', { finish: 6 });
  expectThread(r, 'a', { finish: 7 });
  expectThread(r, 'c', { finish: 8 });
});

test('inherit is transitive: the owner of the owner runs at the waiter priority', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      `mutex a block inherit
       mutex b block inherit
       thread l priority 1 { lock b compute 4 unlock b }
       thread m priority 2 at 1 { lock a lock b compute 1 unlock b unlock a }
       thread mid priority 5 at 2 { compute 10 }
       thread h priority 9 at 3 { lock a compute 1 unlock a }`,
    ),
  );
  // l holds b; m (2) preempts at 1 and blocks on b: l inherits 2 and runs 1..2.
  // mid (5) preempts at 2. h (9) at 3 blocks on a (held by m): m inherits 9, then l
  // inherits 9 through b, runs before mid at 3 and finishes its compute 3..5; m runs 5..6
  // and unlocks a: h runs 6..7.
  expectThread(r, 'l', { finish: 5 });
  expectThread(r, 'm', { finish: 6 });
  expectThread(r, 'h', { finish: 7 });
  expectThread(r, 'mid', { finish: 16 });
  assert.ok(!codes(r).includes('priority-inversion'));
});

test('ceiling: the owner runs at least at the ceiling while it holds the mutex', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      'mutex m block ceiling 8 thread l priority 1 { lock m compute 4 unlock m compute 2 } thread mid priority 5 at 1 { compute 3 }',
    ),
  );
  // l keeps the CPU until its unlock at 4 (priority 8 > 5), then mid 4..7, l 7..9.
  expectThread(r, 'mid', { firstRun: 4, finish: 7 });
  expectThread(r, 'l', { finish: 9 });
});

test('wait releases the mutex; signal wakes the highest-priority waiter, which requeues for the mutex', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      `mutex m block
       condvar c
       thread w1 priority 1 { lock m wait c m compute 1 unlock m }
       thread w2 priority 2 { lock m wait c m compute 1 unlock m }
       thread s at 5 { lock m signal c compute 2 unlock m }`,
    ),
  );
  // Both wait at 0. s signals at 5: w2 queues for m (held by s) and gets it at 7.
  expectThread(r, 'w2', { finish: 8 });
  expectThread(r, 'w1', { state: 'blocked', finish: null });
  assert.equal(r.outcome, 'hang');
});

test('broadcast wakes every waiter', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      `mutex m block
       condvar c
       thread w[3] { lock m wait c m unlock m }
       thread s at 5 { lock m broadcast c unlock m }`,
    ),
  );
  assert.equal(r.outcome, 'completed');
  for (let i = 0; i < 3; i++) expectThread(r, `w[${i}]`, { state: 'exited' });
});

test('semaphores count; sem_post hands a unit to a waiter', () => {
  const r = run(
    oneToOne(
      'cpus 2',
      `semaphore s 1
       thread a { sem_wait s compute 3 sem_post s }
       thread b { sem_wait s compute 1 sem_post s }`,
    ),
  );
  expectThread(r, 'a', { finish: 3 });
  expectThread(r, 'b', { blockedTime: 3, finish: 4 });
});

test('join waits for every element of a thread array; spawn starts deferred threads', () => {
  const r = run(
    oneToOne(
      'cpus 4',
      `thread boss { spawn w join w compute 1 }
       thread w[2] deferred { compute 3 }`,
    ),
  );
  expectThread(r, 'boss', { finish: 4, blockedTime: 3 });
  expectThread(r, 'w[0]', { arrival: 0, finish: 3 });
});

test('spawn pays cost create, or cost create_cached with a stack from death row', () => {
  const r = run(`scenario "s" { cpus 1 }
process p {
  model one_to_one
  cost create 5
  cost create_cached 1
  thread boss { spawn a join a spawn b join b }
  thread a deferred { compute 2 }
  thread b deferred { compute 2 }
}`);
  // boss pays 5 (0..5), a 5..7; death row holds a: b costs 1 (7..8), b 8..10.
  expectThread(r, 'a', { arrival: 5, finish: 7 });
  expectThread(r, 'b', { arrival: 8, finish: 10 });
  expectThread(r, 'boss', { cpuTime: 6 });
  assert.equal(r.counters.threadsReused, 1);
  assert.equal(r.counters.threadsCreated, 3);
});

test('the reaper frees death row every period, keeping `keep`', () => {
  const r = run(`scenario "s" { cpus 1 }
process p {
  model one_to_one
  reaper 10 keep 1
  thread a { compute 1 }
  thread b { compute 1 }
  thread c { compute 30 }
}`);
  assert.equal(r.counters.threadsReaped, 1);
  assert.ok(r.events?.some((e) => e.kind === 'reap' && e.t === 10));
});

test('deferred threads never spawned do not keep the run alive', () => {
  const r = run(oneToOne('cpus 1', 'thread a { compute 2 } thread never deferred { compute 1 }'));
  assert.equal(r.outcome, 'completed');
  expectThread(r, 'never', { state: 'not-started', arrival: null });
});
