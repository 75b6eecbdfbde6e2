/** The kernel scheduler, instant by instant (docs/reference/language.md §5.5). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectThread, oneToOne, run, assertConservation } from './helpers';

test('fifo runs jobs to completion in ready order, never preempting', () => {
  const r = run(oneToOne('cpus 1 policy fifo', 'thread a { compute 10 } thread b priority 9 at 1 { compute 5 }'));
  // b has a higher priority but fifo ignores it: a 0..10, b 10..15.
  expectThread(r, 'a', { firstRun: 0, finish: 10 });
  expectThread(r, 'b', { firstRun: 10, finish: 15, readyTime: 9 });
  assertConservation(r);
});

test('sjf picks the ready thread with the least remaining compute, ranges at their minimum', () => {
  const r = run(
    oneToOne(
      'cpus 1 policy sjf',
      'thread first { compute 4 } thread long at 1 { compute 9 } thread short at 2 { compute 3..8 compute 1 }',
    ),
  );
  // first 0..4; at 4 short (3+1=4) beats long (9): short 4..?, long after.
  expectThread(r, 'first', { finish: 4 });
  expectThread(r, 'short', { firstRun: 4 });
  const short = r.threads.find((t) => t.name === 'short');
  expectThread(r, 'long', { firstRun: short?.finish ?? -1 });
});

test('rr: a thread ready at the instant a quantum expires is queued before the expired one', () => {
  const r = run(oneToOne('cpus 1 policy rr quantum 4', 'thread a { compute 8 } thread b at 4 { compute 2 }'));
  // a 0..4; at 4 b arrives as a's quantum ends: b first (4..6), then a 6..10.
  expectThread(r, 'b', { firstRun: 4, finish: 6 });
  expectThread(r, 'a', { finish: 10, readyTime: 2 });
});

test('a quantum that expires with nothing else ready continues without a new dispatch', () => {
  const r = run(oneToOne('cpus 1 policy rr quantum 3', 'thread a { compute 10 }'));
  expectThread(r, 'a', { finish: 10, readyTime: 0 });
  assert.equal(r.counters.switches, 0);
});

test('priority: a creation preempts at once; an equal priority does not', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      'thread low priority 1 { compute 10 } thread high priority 5 at 3 { compute 2 } thread same priority 1 at 4 { compute 1 }',
    ),
  );
  // high preempts low at 3 (3..5); low resumes at 5 (head of its level) before same.
  expectThread(r, 'high', { firstRun: 3, finish: 5 });
  expectThread(r, 'low', { finish: 12 });
  expectThread(r, 'same', { firstRun: 12, finish: 13 });
});

test('priority with a quantum: round robin among equals only', () => {
  const r = run(
    oneToOne(
      'cpus 1 quantum 2',
      'thread a priority 1 { compute 4 } thread b priority 1 { compute 4 } thread c priority 0 { compute 1 }',
    ),
  );
  // a 0..2, b 2..4, a 4..6, b 6..8, c 8..9
  expectThread(r, 'a', { finish: 6 });
  expectThread(r, 'b', { finish: 8 });
  expectThread(r, 'c', { firstRun: 8, finish: 9 });
});

test('a wake-up caused by a thread on another CPU preempts after cost ipi', () => {
  const text = oneToOne(
    'cpus 2 cost ipi 2',
    `mutex m block
     thread owner priority 5 { lock m compute 3 unlock m compute 10 }
     thread low priority 1 { compute 20 }
     thread high priority 9 at 1 { lock m compute 1 unlock m }`,
  );
  const r = run(text);
  // high (CPU 0 taken by owner? no: owner CPU0, low CPU1); high at 1 preempts low (lowest) at once,
  // blocks on m at 1, low resumes. At 3 owner unlocks on CPU 0 and wakes high: high outranks
  // low on CPU 1, so an interrupt reaches CPU 1 at 5.
  expectThread(r, 'high', { firstRun: 1, finish: 6 });
  assert.equal(r.counters.ipis, 1);
  assert.ok(r.events?.some((e) => e.kind === 'ipi' && e.t === 3));
});

test('a wake-up on the same CPU preempts at once (at the next statement that takes time)', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      'mutex m block thread low priority 1 { lock m compute 5 unlock m compute 5 } thread high priority 9 at 1 { lock m compute 1 unlock m }',
    ),
  );
  // high blocks at 1; low runs 1..5 and unlocks: high runs 5..6 at once, low 6..11.
  expectThread(r, 'high', { finish: 6, blockedTime: 4 });
  expectThread(r, 'low', { finish: 11 });
  assert.equal(r.counters.ipis, 0);
});

test('switch costs: nothing on a first dispatch, switch within a process, switch_process across', () => {
  const text = `scenario "c" { cpus 1 policy fifo cost switch 2 cost switch_process 5 }
process a { model one_to_one thread a1 { compute 3 } thread a2 { compute 3 } }
process b { model one_to_one thread b1 { compute 3 } }`;
  const r = run(text);
  // a1 0..3 (first dispatch, free); switch 3..5; a2 5..8; switch_process 8..13; b1 13..16
  expectThread(r, 'a1', { finish: 3 });
  expectThread(r, 'a2', { firstRun: 5, finish: 8, readyTime: 5 });
  expectThread(r, 'b1', { firstRun: 13, finish: 16, readyTime: 13 });
  assert.deepEqual(r.cpus[0], { id: 0, busy: 9, overhead: 7, idle: 0 });
  assert.equal(r.counters.switches, 2);
  assert.equal(r.counters.processSwitches, 1);
  assertConservation(r);
});

test('a KLT back from a block pays cost switch on its own CPU', () => {
  const r = run(oneToOne('cpus 1 cost switch 1', 'thread a { compute 2 io 3 compute 2 }'));
  // 0..2 compute, io 2..5, switch 5..6, compute 6..8
  expectThread(r, 'a', { finish: 8, cpuTime: 4, blockedTime: 3, readyTime: 1 });
  assert.deepEqual(r.cpus[0], { id: 0, busy: 4, overhead: 1, idle: 3 });
});

test('affinity: a KLT that becomes ready takes its last CPU when idle', () => {
  const r = run(oneToOne('cpus 2', 'thread a { compute 1 io 5 compute 1 } thread b { compute 2 }'));
  const runs = (r.events ?? []).filter((e) => e.kind === 'run' && e.thread === 'a').map((e) => e.cpu);
  assert.deepEqual(runs, [0, 0]);
});

test('pin: a pinned KLT waits for its CPU even when another is idle', () => {
  const r = run(oneToOne('cpus 2', 'thread a { compute 5 } thread b pin 0 { compute 2 }'));
  expectThread(r, 'b', { firstRun: 5, finish: 7 });
  assert.ok((r.events ?? []).filter((e) => e.thread === 'b' && e.kind === 'run').every((e) => e.cpu === 0));
});

test('yield gives the CPU to a ready thread of the same priority only', () => {
  const r = run(
    oneToOne(
      'cpus 1',
      'thread a priority 1 { compute 1 yield compute 1 } thread b priority 1 { compute 2 } thread c { compute 1 }',
    ),
  );
  // a 0..1 yields to b (1..3), then a 3..4, then c.
  expectThread(r, 'b', { firstRun: 1, finish: 3 });
  expectThread(r, 'a', { finish: 4 });
  expectThread(r, 'c', { firstRun: 4 });
});
