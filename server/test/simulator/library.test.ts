/** The two-level model: the thread library, the LWP pool and its life (docs/reference/language.md §5.2–§5.4). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, expectThread, run, assertConservation } from './helpers';

function m2m(settings: string, proc: string): string {
  return `scenario "t" { ${settings} }\nprocess p {\n  model many_to_many\n${proc}\n}\n`;
}

test('many_to_one: sleep frees the only LWP; the sleeper comes back through the run queue', () => {
  const r = run(
    `scenario "t" { cpus 1 }\nprocess p { model many_to_one thread a { sleep 5 compute 1 } thread b { compute 3 } }`,
  );
  // a sleeps 0..5 and frees the LWP: b runs 0..3; the LWP parks; at 5 a unparks it, 5..6.
  expectThread(r, 'b', { firstRun: 0, finish: 3 });
  expectThread(r, 'a', { finish: 6, blockedTime: 5 });
  assert.ok(r.events?.some((e) => e.kind === 'park' && e.t === 3));
  assert.ok(r.events?.some((e) => e.kind === 'unpark' && e.t === 5));
  assertConservation(r);
});

test('a wake-up no running thread causes preempts by signal and pays cost ipi, even on one CPU', () => {
  const r = run(
    m2m('cpus 1 cost ipi 2', 'lwps 1 thread low priority 1 { compute 10 } thread high priority 5 at 3 { compute 1 }'),
  );
  // high is created at 3; the signal reaches the LWP at 5: high 5..6, low back 6..11.
  expectThread(r, 'high', { arrival: 3, firstRun: 5, finish: 6, readyTime: 2 });
  expectThread(r, 'low', { finish: 11 });
  assert.equal(r.counters.ipis, 1);
  // The kernel's rule differs: a creation preempts at once.
  const k = run(
    `scenario "t" { cpus 1 cost ipi 2 }\nprocess p { model one_to_one thread low priority 1 { compute 10 } thread high priority 5 at 3 { compute 1 } }`,
  );
  expectThread(k, 'high', { firstRun: 3 });
  assert.equal(k.counters.ipis, 0);
});

test('a runnable ULT takes a parked LWP before preempting anyone', () => {
  const r = run(
    m2m('cpus 2 cost ipi 5', 'lwps 2 thread low priority 1 { compute 10 } thread high priority 5 at 3 { compute 1 }'),
  );
  expectThread(r, 'high', { firstRun: 3, finish: 4 });
  assert.equal(r.counters.ipis, 0);
});

test('yield of an unbound ULT runs the head of the run queue of the same or higher priority', () => {
  const r = run(
    `scenario "t" { cpus 1 }\nprocess p { model many_to_one thread a { compute 1 yield compute 1 } thread b { compute 2 } }`,
  );
  expectThread(r, 'b', { firstRun: 1, finish: 3 });
  expectThread(r, 'a', { finish: 4 });
});

test('cost ult_switch: the library switch is CPU overhead, no kernel dispatch', () => {
  const r = run(
    `scenario "t" { cpus 1 }\nprocess p { model many_to_one cost ult_switch 2 thread a { compute 1 yield compute 1 } thread b { compute 2 } }`,
  );
  // a 0..1, switch 1..3, b 3..5, switch 5..7, a 7..8.
  expectThread(r, 'b', { firstRun: 3, finish: 5 });
  expectThread(r, 'a', { finish: 8 });
  assert.deepEqual(r.cpus[0], { id: 0, busy: 4, overhead: 4, idle: 0 });
  assert.equal(r.counters.switches, 0);
});

test('set_concurrency asks for LWPs, each ready after cost lwp_create', () => {
  const r = run(
    m2m('cpus 2 cost lwp_create 3', 'lwps 1 thread a { set_concurrency 2 compute 5 } thread b { compute 5 }'),
  );
  expectThread(r, 'a', { firstRun: 0, finish: 5 });
  expectThread(r, 'b', { firstRun: 3, finish: 8 });
  assert.equal(r.counters.lwpsCreated, 2);
  assert.ok(r.events?.some((e) => e.kind === 'lwp_create' && e.t === 3));
});

test('concurrency at start: the extra LWPs arrive after cost lwp_create', () => {
  const r = run(m2m('cpus 2 cost lwp_create 4', 'lwps 1 concurrency 2 thread a { compute 5 } thread b { compute 5 }'));
  expectThread(r, 'b', { firstRun: 4, finish: 9 });
});

test('LWP aging: a pool LWP parked lwp_idle_timeout ticks is reclaimed, down to max(1, concurrency)', () => {
  const r = run(m2m('cpus 2', 'lwps 3 lwp_idle_timeout 10 thread a { compute 30 }'));
  // Two LWPs park at 0 with nothing to run and are given back at 10; aging never extends the run.
  assert.equal(r.counters.lwpsReclaimed, 2);
  assert.equal(r.endTime, 30);
  assert.ok(r.events?.filter((e) => e.kind === 'lwp_reclaim').every((e) => e.t === 10));
  const kept = run(m2m('cpus 2', 'lwps 3 concurrency 3 lwp_idle_timeout 10 thread a { compute 30 }'));
  assert.equal(kept.counters.lwpsReclaimed, 0);
});

test('SIGWAITING: an upcall when every pool LWP blocks in io with ULTs runnable', () => {
  const r = run(m2m('cpus 2 cost lwp_create 1', 'lwps 2 thread r[2] { io 10 } thread w { compute 3 }'));
  // Both LWPs block in io at 0; the upcall at 0 brings a third LWP at 1: w 1..4.
  expectThread(r, 'w', { firstRun: 1, finish: 4 });
  assert.equal(r.counters.upcalls, 1);
  assert.ok(!codes(r).includes('process-stall'));
});

test('process stall: ticks lost, located on the blocking io, with the fix', () => {
  const r = run(m2m('cpus 1', 'lwps 1 sigwaiting off thread r { io 8 compute 1 } thread w { compute 2 }'));
  const d = r.diagnostics.find((x) => x.code === 'process-stall');
  assert.ok(d);
  assert.match(d.message, /8 ticks lost/);
  assert.match(d.message, /sigwaiting on/);
  assert.equal(d.time, 0);
  assert.equal(d.range.start.line, 3);
});

test('bound threads get an LWP of their own at their priority; pool LWPs run at the process priority', () => {
  const text = `scenario "t" { cpus 1 }
process app { model many_to_many priority 2 lwps 1 thread u priority 9 { compute 5 } thread b bound priority 4 at 1 { compute 1 } }`;
  const r = run(text);
  // The kernel sees u's pool LWP at priority 2, so the bound b (4) preempts it at 1.
  expectThread(r, 'b', { firstRun: 1, finish: 2 });
  expectThread(r, 'u', { finish: 6 });
  assert.equal(r.counters.lwpsCreated, 2);
  assert.equal(r.threads[1].bound, true);
});

test('the visibility problem: a high-priority ULT loses to a lower-priority KLT of another process', () => {
  const text = `scenario "t" { cpus 1 }
process lib { model many_to_many lwps 1 thread urgent priority 50 at 1 { compute 2 } thread busy priority 0 { compute 1 } }
process other { model one_to_one thread k priority 5 { compute 10 } }`;
  const r = run(text);
  // The kernel runs k (5) over the pool LWP (0) from 0 to 10 (both arrive at 0: k takes the
  // CPU, the unparked LWP waits). urgent (50) arrives at 1 while that LWP is off any CPU, so the
  // library preempts nobody and urgent waits for k until 10; then the LWP takes the head of its
  // run queue: urgent 10..12, busy 12..13.
  expectThread(r, 'k', { finish: 10 });
  expectThread(r, 'urgent', { firstRun: 10, finish: 12 });
  expectThread(r, 'busy', { firstRun: 12, finish: 13 });
});

test('library-level inversion: a medium ULT holds the pool while the owner waits for an LWP; inherit cures it', () => {
  const text = (proto: string) =>
    m2m(
      'cpus 1',
      `lwps 1
       mutex m block ${proto}
       thread low priority 1 { lock m compute 4 unlock m }
       thread high priority 9 at 1 { lock m compute 1 unlock m }
       thread medium priority 5 at 1 { compute 6 }`,
    );
  const r = run(text(''));
  const d = r.diagnostics.find((x) => x.code === 'priority-inversion');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.match(d.message, /high .*low .*medium/);
  // Without a protocol: high blocks at 1, medium takes the LWP 1..7, low 7..10, high 10..11.
  assert.equal(d.data?.ticks, 6);
  expectThread(r, 'high', { finish: 11 });
  // With inherit, low runs at 9 before medium: 1..4, then high 4..5, medium 5..11.
  const cured = run(text('inherit'));
  assert.ok(!codes(cured).includes('priority-inversion'));
  expectThread(cured, 'high', { finish: 5 });
  expectThread(cured, 'medium', { finish: 11 });
});

test('a fault kills a many_to_many process: its pool is given back, its threads killed', () => {
  const r = run(m2m('cpus 2', 'lwps 2 thread a stack 4k { compute 1 stack_use 6k } thread b { compute 9 }'));
  assert.equal(r.outcome, 'fault');
  expectThread(r, 'b', { state: 'killed', finish: 1 });
  assertConservation(r);
});
