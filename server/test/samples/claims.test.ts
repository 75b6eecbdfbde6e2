/**
 * What each sample's opening comment says, checked against the run: the samples about the
 * threading models, LWPs and the two schedulers here; claims-sync.test.ts and
 * claims-lifecycle.test.ts hold the others. The golden files pin every number of a run; these
 * tests pin what the comment tells the reader, and `covered()` fails when the comment states a
 * number, or names an event, diagnostic, counter or metric, that no check looks at.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { TimedStmt } from '../../src/language/model';
import { SampleClaims, describeClaims, namedTerms, openingComment, statedNumbers } from './claims-kit';

describe('the claims kit', () => {
  test('reads the numbers a comment states, not indices or sizes', () => {
    assert.deepEqual(
      statedNumbers('at tick 4 `fork[0]` 8k, `io 20`, 10-tick, t=2, phil[4] (3 reclaimed)'),
      [4, 20, 10, 2, 3],
    );
  });

  test('reads the named events, diagnostics, counters and metrics', () => {
    assert.deepEqual(namedTerms('an `upcall`, `cost lwp_create`, `process-stall`, `ipis`, `spinTime`, `m`'), [
      'upcall',
      'process-stall',
      'ipis',
      'spinTime',
    ]);
  });

  test('a comment with nothing checked is not covered', () => {
    const c = new SampleClaims('three-models.threads');
    assert.throws(() => c.covered(), /numbers of the comment that no check states/);
  });

  test('every sample has its claims checked', () => {
    const here = resolve(__dirname);
    const tested = readdirSync(here)
      .filter((f) => /^claims.*\.test\.ts$/.test(f))
      .flatMap((f) => [...readFileSync(join(here, f), 'utf8').matchAll(/describeClaims\('([\w-]+\.threads)'/g)])
      .map((m) => m[1]);
    const samples = readdirSync(resolve(here, '../../../samples')).filter((f) => f.endsWith('.threads'));
    assert.deepEqual([...new Set(tested)].sort(), samples.sort());
  });

  test('every opening comment says what to watch', () => {
    const dir = resolve(__dirname, '../../../samples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.threads')))
      assert.match(openingComment(readFileSync(join(dir, f), 'utf8')), /What to watch/, f);
  });
});

describeClaims('three-models.threads', (c, r) => {
  test('the workload and the competition for the CPUs at tick 0', () => {
    c.is(r.thread('one_to_one_app/reader').blockedTime, 10, 'a 10-tick system call');
    c.is(r.thread('one_to_one_app/worker').cpuTime, 5, 'a worker that computes for 5 ticks');
    assert.equal(r.model.cpus, 3);
    const atZero = new Set(r.events.filter((e) => e.t === 0 && e.lwp !== null).map((e) => `${e.process}/${e.lwp}`));
    assert.equal(atZero.size, 4, 'four LWPs at tick 0');
    assert.equal(r.events.find((e) => e.kind === 'run' && e.process === 'many_to_many_app')?.t, 0);
    const [io] = c.event(r, 'io', { t: 0, process: 'one_to_one_app', thread: 'reader' }, 'the reader enters its io');
    c.is(io.cpu, 0, 'and leaves CPU 0');
    c.also(r, 'run', { t: 0, process: 'many_to_many_app', lwp: 1, cpu: 0 }, 'many_to_many_app gets CPU 0');
    const waits = r.spans.filter((s) => s.lane.kind === 'lwp' && s.state === 'ready' && s.end > s.start);
    assert.deepEqual(waits, [], 'no LWP ever waits for a CPU');
  });

  test('one_to_one: the worker runs during the io; both done at 10', () => {
    const io = c.lane(r, 'thread', 'one_to_one_app/reader').find((s) => s.state === 'io');
    const run = c.lane(r, 'thread', 'one_to_one_app/worker').find((s) => s.state === 'running');
    assert.ok(io && run && run.start >= io.start && run.end <= io.end);
    c.is(Math.max(r.thread('one_to_one_app/reader').finish!, r.thread('one_to_one_app/worker').finish!), 10, 'both');
  });

  test('many_to_one: the worker starts at 10, a process-stall', () => {
    c.event(r, 'io', { process: 'many_to_one_app', thread: 'reader' }, 'the reader blocks the only LWP');
    c.is(r.thread('many_to_one_app/worker').firstRun, 10, 'the worker can only start at tick 10');
    c.diag(r, 'process-stall', { message: [/many_to_one_app/] });
  });

  test('many_to_many: SIGWAITING gives a second LWP after cost lwp_create', () => {
    c.also(r, 'upcall', { t: 0, process: 'many_to_many_app' }, 'SIGWAITING');
    const when = r.model.costs.lwpCreate;
    c.also(r, 'lwp_create', { t: when, process: 'many_to_many_app', lwp: 2 }, 'a second LWP');
    c.also(r, 'run', { t: when, process: 'many_to_many_app', thread: 'worker', lwp: 2 }, 'the worker runs on it');
  });

  test("the worker's finish: 5, 15 and 7", () => {
    c.metric(r, 'one_to_one_app/worker', 'finish', 5);
    c.metric(r, 'many_to_one_app/worker', 'finish', 15);
    c.metric(r, 'many_to_many_app/worker', 'finish', 7);
  });
});

describeClaims('sigwaiting.threads', (c, r) => {
  test('the second LWP of concurrency 2, and the readers in io', () => {
    const [second] = c.event(r, 'lwp_create', { t: 3 }, 'concurrency 2 asks for a second LWP');
    assert.equal(second.lwp, 2, 'a second one');
    c.is(r.model.processes[0].concurrency, 2, 'concurrency 2');
    const [first] = c.event(r, 'io', { t: 0, thread: 'reader[0]' }, 'reader[0] enters its io');
    c.is(first.lwp, 1, 'on LWP 1');
    c.is(r.thread('reader[0]').blockedTime, 20, 'io 20');
    const [next] = c.event(r, 'io', { t: 4, thread: 'reader[1]' }, 'reader[1] enters its io');
    c.is(next.lwp, 2, 'on LWP 2');
  });

  test('one upcall, at 4 and not at 0; LWP 3 ready at 7', () => {
    c.event(r, 'upcall', { t: 4 }, 'SIGWAITING when the last pool LWP blocks');
    assert.equal(r.result.counters.upcalls, 1, 'one upcall');
    c.none(r, 'upcall', { t: 0 }, 'none at tick 0');
    c.is(r.events.find((e) => e.kind === 'lwp_create')?.lwp, 2, 'LWP 2 was on its way at 0');
    const [third] = c.event(r, 'lwp_create', { t: 7 }, 'the library gets LWP 3');
    c.is(third.lwp, 3, 'LWP 3');
  });

  test('the workers work on LWP 3 while the readers are in io, CPU 1 idle until 20', () => {
    const runs = (w: string) => c.lane(r, 'thread', w).filter((s) => s.state === 'running');
    const [w0] = runs('worker[0]');
    const [w1] = runs('worker[1]');
    c.is(w0.start, 8, 'worker[0] from 8');
    c.is(w0.end, 14, 'to 14');
    c.is(w1.start, 14, 'worker[1] from 14');
    c.is(w1.end, 20, 'to 20');
    c.is(w0.end - w0.start, 6, 'their own 6 ticks of work');
    for (const w of ['worker[0]', 'worker[1]'])
      assert.ok(
        r.events.some((e) => e.kind === 'run' && e.thread === w && e.lwp === 3 && e.t < 20),
        `${w} on LWP 3`,
      );
    const io = ['reader[0]', 'reader[1]'].map((t) => c.lane(r, 'thread', t).find((s) => s.state === 'io')!);
    assert.ok(
      io.every((s) => s.start <= w0.start && s.end >= w1.end),
      'the readers are still in io',
    );
    c.is(c.lane(r, 'cpu', 1)[0].start, 20, 'CPU 1 stays idle until tick 20');
  });

  test('each worker ends with 2 ticks after a request; done at 22 and 27', () => {
    for (const w of ['worker[0]', 'worker[1]']) {
      const last = c
        .lane(r, 'thread', w)
        .filter((s) => s.state === 'running')
        .at(-1)!;
      assert.equal(last.end - last.start, 2, `${w}'s last 2 ticks`);
      assert.ok(
        r.events.some((e) => e.kind === 'wake' && e.thread === w),
        `${w} waits for a request`,
      );
    }
    const last = c.lane(r, 'thread', 'worker[0]').at(-1)!;
    c.is(last.end - last.start, 2, 'its last 2 ticks');
    c.metric(r, 'worker[0]', 'finish', 22);
    c.metric(r, 'worker[1]', 'finish', 27);
    assert.equal(r.result.outcome, 'completed');
  });

  test('sigwaiting off: a stall of 16 ticks from 4; the workers start at 21 and 24, done at 29 and 32', () => {
    const off = c.run(c.variant('sigwaiting on', 'sigwaiting off'));
    assert.equal(off.result.counters.upcalls, 0);
    const [stall] = c.diag(off, 'process-stall', { time: 4 });
    c.is(Number(/(\d+) ticks lost/.exec(stall.message)?.[1]), 16, 'ticks lost');
    c.is(off.thread('worker[0]').firstRun, 21, 'worker[0] starts');
    c.is(off.thread('worker[1]').firstRun, 24, 'worker[1] starts');
    c.is(off.thread('worker[0]').finish, 29, 'worker[0] done');
    c.is(off.thread('worker[1]').finish, 32, 'worker[1] done');
    assert.equal(off.result.outcome, 'completed', 'no wake-up is lost');
  });
});

describeClaims('set-concurrency.threads', (c, r) => {
  test('boss alone on one LWP, then set_concurrency 4 at tick 4', () => {
    const boss = r.model.processes[0].threads.find((t) => t.name === 'boss')!;
    assert.ok(
      r.result.threads.every((t) => t.name === 'boss' || t.priority < boss.priority),
      'the highest',
    );
    c.is((boss.body[0] as TimedStmt).duration.min, 4, 'boss computes until tick 4');
    const set = boss.body[1];
    assert.equal(set.op, 'set_concurrency');
    c.is(set.op === 'set_concurrency' ? set.level : null, 4, 'set_concurrency 4');
    for (const cpu of [1, 2, 3]) assert.equal(c.lane(r, 'cpu', cpu, false)[0].start, 6, `CPU ${cpu} idle until 6`);
  });

  test('three lwp_create at 6, the workers in parallel, all done at 18', () => {
    assert.equal(c.event(r, 'lwp_create', { t: 6 }, 'new LWPs').length, 3);
    assert.equal(r.model.costs.lwpCreate, 2);
    for (const w of ['worker[0]', 'worker[1]', 'worker[2]']) assert.equal(r.thread(w).finish, 18, w);
    c.is(Math.max(...r.result.threads.map((t) => t.finish ?? Infinity)), 18, 'all done at tick 18');
  });

  test('without set_concurrency: 18, 30 and 42; with concurrency 4: LWPs at 2, done at 14', () => {
    const without = c.variant('set_concurrency 4', '');
    const single = c.run(without);
    for (const [w, t] of [
      ['worker[0]', 18],
      ['worker[1]', 30],
      ['worker[2]', 42],
    ] as const)
      c.metric(single, w, 'finish', t);
    const start = c.run(c.variant('lwps 1', 'lwps 1 concurrency 4', without));
    assert.equal(start.model.processes[0].concurrency, 4);
    assert.equal(c.event(start, 'lwp_create', { t: 2 }, 'three new LWPs at 2').length, 3);
    for (const w of ['worker[0]', 'worker[1]', 'worker[2]']) assert.equal(start.thread(w).finish, 14, w);
    c.is(start.thread('worker[0]').finish, 14, 'the workers are done at 14');
  });
});

describeClaims('lwp-aging.threads', (c, r) => {
  const p = r.model.processes[0];

  test('four busy LWPs for 10 ticks, then three park', () => {
    c.is(p.lwps, 4, 'lwps 4');
    c.is(Math.max(...['burst[0]', 'burst[1]', 'burst[2]'].map((t) => r.thread(t).finish!)), 10, 'busy 10 ticks');
    const parked = r.events.filter((e) => e.kind === 'park' && e.t === 10).map((e) => e.lwp);
    assert.deepEqual(parked.sort(), [1, 2, 3, 4], 'all four park at 10, steady sleeping');
    for (const l of [1, 2, 3]) {
      const spans = c.lane(r, 'lwp', `server/${l}`);
      assert.deepEqual(
        spans.map((s) => [s.start, s.state]),
        [
          [0, 'running'],
          [10, 'parked'],
        ],
        `LWP ${l} parks at 10 with nothing to run`,
      );
    }
  });

  test('LWPs 1 and 2 reclaimed at 40 after 30 ticks, down to concurrency 2', () => {
    c.is(p.lwpIdleTimeout, 30, 'lwp_idle_timeout (30)');
    const reclaimed = r.events.filter((e) => e.kind === 'lwp_reclaim');
    c.event(r, 'lwp_reclaim', { t: 40, lwp: 1 }, 'LWP 1');
    assert.deepEqual(
      reclaimed.map((e) => [e.t, e.lwp]),
      [
        [40, 1],
        [40, 2],
      ],
    );
    c.is(reclaimed[0].lwp, 1, 'LWPs 1');
    c.is(reclaimed[1].lwp, 2, 'and 2');
    c.counter(r, 'lwpsReclaimed', 2);
    c.is(p.concurrency, 2, 'the concurrency level, 2');
    const stays = c.lane(r, 'lwp', 'server/3').at(-1)!;
    assert.deepEqual([stays.state, stays.end], ['parked', r.result.endTime], 'LWP 3 stays');
    const parkedAt = r.events.find((e) => e.kind === 'park' && e.lwp === 1)!.t;
    assert.equal(reclaimed[0].t - parkedAt, p.lwpIdleTimeout, 'given back after 30 ticks parked');
  });

  test('LWP 4 parks during each sleep 20, never for 30 ticks', () => {
    const parks = c.lane(r, 'lwp', 'server/4').filter((s) => s.state === 'parked');
    assert.equal(parks.length, 4);
    c.is(Math.max(...parks.map((s) => s.end - s.start)), 20, 'sleep 20');
    assert.ok(parks.every((s) => s.end - s.start < p.lwpIdleTimeout));
    c.is(p.lwpIdleTimeout, 30, 'never for 30 ticks');
  });

  test('concurrency 0: a single LWP left, 3 reclaimed', () => {
    const v = c.run(c.variant('concurrency 2', 'concurrency 0'));
    assert.equal(v.model.processes[0].concurrency, 0);
    c.is(v.result.counters.lwpsReclaimed, 3, '3 reclaimed');
    assert.equal(v.model.processes[0].lwps - v.result.counters.lwpsReclaimed, 1, 'a single LWP');
  });
});

describeClaims('bound-and-pinned.threads', (c, r) => {
  test('urgent: priority 9 in the library only, waits from 2 until logger exits', () => {
    const urgent = r.thread('urgent');
    c.is(urgent.priority, 9, 'priority 9');
    assert.equal(urgent.bound, false);
    c.is(r.model.processes[0].priority, 0, "the process's priority (0)");
    c.is(r.thread('hog').priority, 5, 'hog (5)');
    c.is(r.thread('logger').priority, 1, 'logger (1)');
    c.is(urgent.arrival, 2, 'arrival at tick 2');
    const [run] = c.event(r, 'run', { thread: 'urgent' }, 'urgent runs');
    c.is(run.cpu, 1, 'on CPU 1');
    assert.equal(run.t, r.thread('logger').finish, 'when logger exits');
  });

  test('alarm: bound, priority 9, its LWP at 5 preempts hog on CPU 0 (pin 0)', () => {
    const alarm = r.thread('alarm');
    c.is(alarm.priority, 9, 'the same priority');
    assert.equal(alarm.bound, true);
    c.is(alarm.arrival, 4, 'arrival at 4');
    c.event(r, 'lwp_create', { t: 5, thread: 'alarm' }, 'the LWP exists at 5');
    assert.equal(r.model.costs.lwpCreate, 1);
    const pin = r.model.processes[0].threads.find((t) => t.name === 'alarm')?.pin;
    c.is(pin, 0, 'pin 0');
    const [pre] = c.also(r, 'preempt', { t: 5, thread: 'hog' }, 'alarm preempts hog');
    c.is(pre.cpu, 0, 'on CPU 0');
    c.metric(r, 'hog', 'finish', 23);
    c.metric(r, 'logger', 'finish', 10);
    c.metric(r, 'urgent', 'firstRun', 10);
    c.metric(r, 'urgent', 'finish', 13);
  });

  test('delete pin 0: alarm preempts logger on CPU 1; 20, 13 and 16', () => {
    const v = c.run(c.edit(' pin 0 at 4', ' at 4'));
    const [pre] = c.also(v, 'preempt', { t: 5, thread: 'logger' }, 'alarm preempts logger');
    c.is(pre.cpu, 1, 'on CPU 1');
    c.is(v.thread('hog').finish, 20, 'hog');
    c.is(v.thread('logger').finish, 13, 'logger');
    c.is(v.thread('urgent').finish, 16, 'urgent');
    assert.equal(v.thread('urgent').firstRun, v.thread('logger').finish, 'urgent still waits for logger to exit');
  });
});

describeClaims('cross-cpu-preemption.threads', (c, r) => {
  test('t3 preempts t1 by a signal at 1, runs at 2, blocks and gives the LWP back', () => {
    const t1Lwp = r.events.find((e) => e.kind === 'run' && e.thread === 't1')!.lwp;
    const t2Run = r.events.find((e) => e.kind === 'run' && e.thread === 't2')!;
    assert.notEqual(t2Run.cpu, r.events.find((e) => e.kind === 'run' && e.thread === 't1')!.cpu);
    c.also(r, 'lock', { t: 0, thread: 't2', mutex: 'm' }, 't2 takes the mutex');
    c.event(r, 'create', { t: 1, thread: 't3' }, 't3 arrives at tick 1');
    c.also(r, 'ipi', { t: 1, thread: 't1' }, 'a signal to t1');
    c.also(r, 'preempt', { t: 2, thread: 't1' }, 'delivered a cost ipi later');
    c.event(r, 'run', { t: 2, thread: 't3', lwp: t1Lwp }, 't3 runs at tick 2 on it');
    c.also(r, 'block', { t: 2, thread: 't3', mutex: 'm' }, 'finds the mutex held');
    c.also(r, 'run', { t: 2, thread: 't1', lwp: t1Lwp }, 'and hands the LWP back to t1');
  });

  test('t2 unlocks at 5: a second signal, t3 runs from 6 on the other CPU', () => {
    const [unlock] = c.event(r, 'unlock', { t: 5, thread: 't2', mutex: 'm' }, 't2 unlocks');
    c.also(r, 'ipi', { t: 5, thread: 't1' }, 'a second signal');
    const [run] = c.event(r, 'run', { t: 6, thread: 't3' }, 't3 runs from tick 6');
    assert.notEqual(run.cpu, unlock.cpu, 'on the other CPU');
    c.counter(r, 'ipis', 2);
  });
});

describeClaims('visibility-problem.threads', (c, r) => {
  test('low takes the bus on LWP 1, at the process priority 0', () => {
    assert.equal(r.model.cpus, 1);
    c.is(r.thread('low').priority, 1, 'low (priority 1)');
    const [lock] = c.event(r, 'lock', { t: 0, thread: 'low', mutex: 'bus' }, 'low takes the bus');
    c.is(lock.lwp, 1, "the pool's LWP 1");
    c.is(r.model.processes[0].priority, 0, "app's priority, 0");
    assert.equal(r.model.processes[0].mutexes[0].protocol, 'inherit');
  });

  test('high preempts LWP 1 at 1, blocks; inherit lifts low to 10; LWP 1 runs it again', () => {
    c.is(r.thread('high').priority, 10, 'high (priority 10)');
    const [pre] = c.event(r, 'preempt', { t: 1, thread: 'low' }, 'high arrives and preempts');
    c.is(pre.lwp, 1, 'LWP 1');
    c.also(r, 'block', { t: 1, thread: 'high', mutex: 'bus' }, 'finds the bus held');
    c.is(r.thread('low').peakPriority, 10, 'low lifted to 10 in the library');
    assert.equal(r.thread('low').peakKernelPriority, 0, 'its LWP stays at 0');
    const [again] = c.also(r, 'run', { t: 1, thread: 'low' }, 'runs it again');
    c.is(again.lwp, 1, 'LWP 1');
  });

  test('medium (5) at 2 takes the CPU for 10 ticks; high gets the bus at 14, done at 15', () => {
    c.event(r, 'create', { t: 2, thread: 'medium' }, 'medium arrives');
    c.is(r.thread('medium').priority, 5, 'priority 5');
    const [pre] = c.also(r, 'preempt', { t: 2, thread: 'low' }, 'the kernel prefers medium');
    c.is(pre.lwp, 1, "LWP 1's");
    c.is(r.thread('medium').priority, 5, 'compares 5');
    c.is(r.thread('low').peakKernelPriority, 0, 'with 0');
    c.is(r.thread('low').peakPriority, 10, "not low's 10");
    c.is(r.thread('medium').cpuTime, 10, 'its 10 ticks');
    c.event(r, 'lock', { t: 14, thread: 'high', mutex: 'bus' }, 'high gets the bus at 14');
    c.metric(r, 'high', 'finish', 15);
  });

  test('a kernel-level priority-inversion of 10 ticks, and inversion-risk before the run', () => {
    const [inv] = c.diag(r, 'priority-inversion', { message: [/kernel level/, /inherit/] });
    c.is(Number(/(\d+) ticks of unbounded inversion/.exec(inv.message)?.[1]), 10, '10 ticks');
    c.diag(r, 'inversion-risk', { message: [/kernel level/] });
  });

  test('low bound: high done at 5, no warning; without inherit the inversion is back', () => {
    const bound = c.run(c.edit('thread low priority 1 {', 'thread low priority 1 bound {'));
    assert.equal(
      bound.result.events?.some((e) => e.kind === 'preempt' && e.thread === 'low' && e.t === 2),
      false,
    );
    c.is(bound.thread('low').peakKernelPriority, 10, 'its own LWP carries the inherited 10');
    c.is(bound.thread('high').finish, 5, 'high is done at 5');
    assert.deepEqual(
      bound.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code),
      [],
      'no warning',
    );
    const plain = c.run(
      c.edit('mutex bus block inherit', 'mutex bus block', c.edit('low priority 1 {', 'low priority 1 bound {')),
    );
    assert.equal(plain.diagnostics.filter((d) => d.code === 'priority-inversion').length, 1, 'bound alone');
    assert.equal(plain.thread('high').finish, 15);
  });
});
