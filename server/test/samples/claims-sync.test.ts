/**
 * What the opening comments of the samples about mutexes, priority inversion and deadlock
 * say, checked against their runs (the kit and the other samples: claims.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeClaims } from './claims-kit';

describeClaims('mutex-kinds.threads', (c, r) => {
  const procs = ['spinning', 'blocking', 'adapting'];

  test('the same contention in three processes', () => {
    assert.deepEqual(
      r.model.processes.map((p) => [p.name, p.model, p.mutexes[0].kind]),
      [
        ['spinning', 'one_to_one', 'spin'],
        ['blocking', 'one_to_one', 'block'],
        ['adapting', 'one_to_one', 'adaptive'],
      ],
    );
    assert.equal(new Set(r.events.filter((e) => e.cpu !== null).map((e) => `${e.process}/${e.thread}`)).size, 6);
    for (const p of procs) {
      assert.equal(r.events.find((e) => e.kind === 'lock' && e.process === p && e.thread === 'owner')?.t, 0);
      assert.equal(r.events.find((e) => e.kind === 'unlock' && e.process === p && e.thread === 'owner')?.t, 9);
      assert.equal(r.thread(`${p}/waiter`).arrival, 1, 'the waiter arrives at tick 1');
    }
    c.event(r, 'lock', { t: 0, process: 'spinning', thread: 'owner' }, 'the owner holds m from tick 0');
    c.event(r, 'unlock', { t: 9, process: 'spinning', thread: 'owner' }, 'to tick 9');
    c.is(r.thread('spinning/owner').blockedTime, 4, 'a 4-tick io');
    const io = c.lane(r, 'thread', 'blocking/owner').find((s) => s.state === 'io')!;
    c.is(io.start, 2, 'from tick 2');
    c.is(io.end, 6, 'to 6');
    const back = c.also(r, 'switch', { t: 6, thread: 'owner' }, 'a switch tick to get a CPU back');
    assert.equal(back.length, 3);
    assert.equal(r.model.costs.switch, 1);
    c.is(r.thread('adapting/waiter').arrival, 1, 'the waiter arrives at tick 1');
  });

  test('spin: spins from 1 to 9, spinTime 8, done at 10; its CPU busy 9 ticks for 1 of work', () => {
    const spin = c.lane(r, 'thread', 'spinning/waiter').find((s) => s.state === 'spinning')!;
    c.is(spin.start, 1, 'from tick 1');
    c.is(spin.end, 9, 'to 9');
    c.also(r, 'spin', { t: 1, process: 'spinning' }, 'busy-waits');
    c.metric(r, 'spinning/waiter', 'spinTime', 8);
    c.metric(r, 'spinning/waiter', 'finish', 10);
    c.is(r.result.cpus[3].busy, 9, 'its CPU is busy for 9 ticks');
    c.is(r.thread('spinning/waiter').cpuTime, 1, 'to do 1 tick of work');
  });

  test('block: its LWP blocks in the kernel, blockedTime 8; handed m at 9, a switch, done at 11', () => {
    const [block] = c.also(r, 'block', { t: 1, process: 'blocking', thread: 'waiter' }, 'sleeps at once');
    assert.ok(r.thread('blocking/waiter').bound, 'under one_to_one every thread is bound');
    const lwp = c.lane(r, 'lwp', `blocking/${block.lwp}`, false).find((s) => s.start === 1)!;
    assert.equal(lwp.state, 'blocked', 'its LWP blocks in the kernel');
    assert.equal(
      r.spans.some((s) => s.lane.kind === 'lwp' && s.state === 'parked'),
      false,
      'nothing parks under one_to_one',
    );
    assert.equal(
      c.lane(r, 'cpu', block.cpu!, false).find((s) => s.start <= 1 && s.end > 1),
      undefined,
      'it leaves the CPU',
    );
    c.metric(r, 'blocking/waiter', 'blockedTime', 8);
    c.event(r, 'lock', { t: 9, process: 'blocking', thread: 'waiter' }, 'handed m at 9');
    c.also(r, 'switch', { t: 9, process: 'blocking', thread: 'waiter' }, 'a cost switch tick to dispatch it');
    c.metric(r, 'blocking/waiter', 'finish', 11);
  });

  test('adaptive: spins 1 to 2, sleeps at 2 when the owner enters io, done at 11', () => {
    const spin = c.lane(r, 'thread', 'adapting/waiter').find((s) => s.state === 'spinning')!;
    c.is(spin.start, 1, 'spins from tick 1');
    c.is(spin.end, 2, 'to 2');
    c.metric(r, 'adapting/waiter', 'spinTime', 1);
    c.also(r, 'io', { t: 2, process: 'adapting', thread: 'owner' }, "the owner's LWP blocks in io");
    c.event(r, 'block', { t: 2, process: 'adapting', thread: 'waiter' }, 'goes to sleep at tick 2');
    c.metric(r, 'adapting/waiter', 'blockedTime', 7);
    c.also(r, 'switch', { t: 9, process: 'adapting', thread: 'waiter' }, 'woken like the blocking one');
    c.metric(r, 'adapting/waiter', 'finish', 11);
  });

  test("the waiters' CPUs 3, 4 and 5 are busy 9, 1 and 2 ticks", () => {
    const waiterCpu = (p: string) =>
      r.events.find((e) => e.kind === 'run' && e.process === p && e.thread === 'waiter')!.cpu;
    assert.deepEqual(procs.map(waiterCpu), [3, 4, 5]);
    for (const [cpu, busy] of [
      [3, 9],
      [4, 1],
      [5, 2],
    ]) {
      c.lane(r, 'cpu', cpu);
      c.is(r.result.cpus[cpu].busy, busy, `CPU ${cpu} busy`);
    }
  });
});

describeClaims('adaptive-vs-block.threads', (c, r) => {
  test('the owner holds m from 0 to 3, running all along; the waiter arrives at 1', () => {
    c.event(r, 'lock', { t: 0, process: 'blocking', thread: 'owner', mutex: 'm' }, 'owner holds m from tick 0');
    c.event(r, 'unlock', { t: 3, process: 'blocking', thread: 'owner', mutex: 'm' }, 'to tick 3');
    for (const p of ['blocking', 'adapting']) {
      const run = c.lane(r, 'thread', `${p}/owner`);
      assert.deepEqual(
        run.map((s) => s.state),
        ['running'],
        'computing on its CPU all along',
      );
    }
    c.is(r.thread('blocking/waiter').arrival, 1, 'the waiter arrives at tick 1');
    assert.equal(r.thread('adapting/waiter').arrival, 1);
  });

  test('block: the LWP blocks at 1; handed m at 3; a 2-tick switch; runs from 5, done at 6', () => {
    const [block] = c.event(r, 'block', { t: 1, process: 'blocking', thread: 'waiter' }, 'blocks at tick 1');
    assert.equal(c.lane(r, 'lwp', `blocking/${block.lwp}`, false).find((s) => s.start === 1)?.state, 'blocked');
    c.event(r, 'lock', { t: 3, process: 'blocking', thread: 'waiter' }, 'handed m at 3');
    c.event(r, 'switch', { process: 'blocking', thread: 'waiter' }, 'dispatched again');
    c.is(r.model.costs.switch, 2, 'cost switch (2 ticks)');
    const run = c.lane(r, 'thread', 'blocking/waiter').find((s) => s.state === 'running')!;
    c.is(run.start, 5, 'runs from tick 5');
    c.metric(r, 'blocking/waiter', 'finish', 6);
  });

  test('adaptive: spins 1 to 3, takes m at 3, done at 4', () => {
    const spin = c.lane(r, 'thread', 'adapting/waiter').find((s) => s.state === 'spinning')!;
    c.is(spin.start, 1, 'spins from tick 1');
    c.is(spin.end, 3, 'to 3');
    c.metric(r, 'adapting/waiter', 'spinTime', 2);
    c.also(r, 'lock', { t: 3, process: 'adapting', thread: 'waiter' }, 'takes m at the instant it is released');
    c.metric(r, 'adapting/waiter', 'finish', 4);
  });

  test('2 ticks earlier, for 2 ticks of spinning; with cost switch 0 both are done at 4', () => {
    c.is(r.thread('blocking/waiter').finish! - r.thread('adapting/waiter').finish!, 2, '2 ticks earlier');
    const cpu = r.events.find((e) => e.kind === 'spin' && e.process === 'adapting')!.cpu!;
    c.is(r.result.cpus[cpu].busy - r.thread('adapting/waiter').cpuTime, 2, '2 ticks of spinning on its CPU');
    assert.ok(
      r.spans.every((s) => s.lane.kind !== 'cpu' || s.lane.cpu !== cpu || s.thread === 'waiter'),
      'a CPU that had nothing else to do',
    );
    const free = c.run(c.variant('cost switch 2', 'cost switch 0'));
    c.is(free.thread('blocking/waiter').finish, 4, 'the blocking waiter at 4');
    assert.equal(free.thread('adapting/waiter').finish, 4, 'together');
  });
});

describeClaims('ult-locking-problem.threads', (c, r) => {
  test('holder takes m on LWP 1, CPU 0, for 6 ticks; the waiters block at 1 and LWP 2 parks', () => {
    assert.equal(r.model.processes[0].mutexes[0].kind, 'block');
    const [lock] = c.event(r, 'lock', { t: 0, thread: 'holder', mutex: 'm' }, 'holder takes m');
    c.is(lock.lwp, 1, 'pool LWP 1');
    c.is(lock.cpu, 0, 'CPU 0');
    c.metric(r, 'holder', 'cpuTime', 6);
    const blocks = ['waiter[0]', 'waiter[1]'].map((w) => c.also(r, 'block', { t: 1, thread: w, mutex: 'm' }, w)[0]);
    c.is(blocks[0].t, 1, 'at tick 1 the waiters block');
    assert.equal(blocks[1].lwp, blocks[0].lwp);
    c.is(blocks[0].lwp, 2, 'on LWP 2');
    c.also(r, 'park', { t: 1, lwp: 2 }, 'LWP 2 parks');
    const idle = c.lane(r, 'cpu', 1);
    c.is(idle[0].start, 2, 'CPU 1 idle from 1 until the scans');
    assert.equal(c.lane(r, 'lwp', 'app/2').find((s) => s.start === 1)?.state, 'parked');
  });

  test('at 2: scan[0] takes CPU 1, scan[1] preempts the holder, whose LWP runs at 0', () => {
    for (const s of ['scan[0]', 'scan[1]']) assert.equal(r.thread(s).arrival, 2, `${s} arrives at tick 2`);
    c.is(r.thread('scan[0]').priority, 10, 'priority 10');
    const [scan0] = c.also(r, 'run', { t: 2, thread: 'scan[0]' }, 'scan[0] runs');
    c.is(scan0.cpu, 1, 'on the idle CPU 1');
    c.also(r, 'preempt', { t: 2, thread: 'holder' }, 'scan[1] preempts the holder');
    c.is(r.model.processes[0].priority, 0, "app's priority, 0");
    c.is(r.thread('scan[1]').cpuTime, 10, "the scans' 10 ticks");
  });

  test('holder back at 12, unlocks at 16; the waiters blocked 15 and 17 ticks, done at 18 and 20', () => {
    c.is(c.lane(r, 'thread', 'holder').find((s) => s.state === 'running' && s.start > 2)?.start, 12, 'back at 12');
    c.event(r, 'unlock', { t: 16, thread: 'holder' }, 'unlocks at 16');
    const held = c.lane(r, 'thread', 'holder').find((s) => s.state === 'ready')!;
    for (const w of ['waiter[0]', 'waiter[1]']) {
      const blocked = c.lane(r, 'thread', w).find((s) => s.state === 'blocked')!;
      assert.ok(blocked.start <= held.start && blocked.end >= held.end, `${w} blocked while the holder waits`);
    }
    c.metric(r, 'waiter[0]', 'blockedTime', 15);
    c.metric(r, 'waiter[1]', 'blockedTime', 17);
    c.is(r.thread('waiter[0]').cpuTime, 2, '2 ticks of work each');
    c.metric(r, 'waiter[0]', 'finish', 18);
    c.metric(r, 'waiter[1]', 'finish', 20);
  });

  test('one scan: CPU 1 is idle for it, nobody is preempted, unlock at 6, done at 8 and 10', () => {
    const one = c.run(c.variant('thread scan[2] priority 10 at 2 {', 'thread scan[1] priority 10 at 2 {'));
    assert.equal(one.events.find((e) => e.kind === 'run' && e.thread === 'scan[0]')?.cpu, 1);
    c.lane(one, 'cpu', 1);
    c.none(one, 'preempt', {}, 'nobody is preempted');
    c.is(one.events.find((e) => e.kind === 'unlock' && e.thread === 'holder')?.t, 6, 'the holder unlocks at 6');
    c.is(one.thread('waiter[0]').finish, 8, 'waiter[0]');
    c.is(one.thread('waiter[1]').finish, 10, 'waiter[1]');
  });
});

describeClaims('priority-inversion.threads', (c, r) => {
  const procs = ['plain', 'inheriting', 'capped'];

  test('each process on its own CPU; low at 0, high at 1, medium between them at 2', () => {
    procs.forEach((p, cpu) =>
      assert.ok(
        r.model.processes.find((x) => x.name === p)!.threads.every((t) => t.pin === cpu),
        p,
      ),
    );
    for (const p of procs) {
      assert.equal(r.events.find((e) => e.kind === 'lock' && e.process === p && e.thread === 'low')?.t, 0);
      assert.equal(r.thread(`${p}/high`).arrival, 1);
      assert.equal(r.thread(`${p}/medium`).arrival, 2);
    }
    c.event(r, 'lock', { t: 0, process: 'plain', thread: 'low', mutex: 'bus' }, 'low takes the bus at tick 0');
    c.is(r.thread('plain/high').arrival, 1, 'high arrives at tick 1');
    c.is(r.thread('plain/medium').arrival, 2, 'medium at tick 2');
    const [lo, mid, hi] = ['low', 'medium', 'high'].map((t) => r.thread(`plain/${t}`).priority);
    assert.ok(lo < mid && mid < hi);
  });

  test('plain: medium takes the CPU at 2 and high waits its 10 ticks; a kernel-level inversion', () => {
    c.also(r, 'preempt', { process: 'plain', thread: 'low', t: 1 }, 'high preempts low');
    c.event(r, 'block', { process: 'plain', thread: 'high', mutex: 'bus' }, 'high blocks on the bus');
    c.event(r, 'run', { t: 2, process: 'plain', thread: 'medium' }, 'medium takes the CPU at tick 2');
    c.is(r.thread('plain/medium').cpuTime, 10, "medium's 10 ticks");
    c.diag(r, 'priority-inversion', { message: [/kernel level/, /high/, /low/, /medium/, /bus/] });
  });

  test('inheriting: high blocks at 1, gets the bus at 4; capped: waits for the CPU, the bus at 4', () => {
    c.event(r, 'block', { t: 1, process: 'inheriting', thread: 'high', mutex: 'bus' }, 'blocks at tick 1');
    assert.equal(
      r.events.some((e) => e.kind === 'run' && e.process === 'inheriting' && e.thread === 'medium' && e.t < 5),
      false,
    );
    c.event(r, 'lock', { t: 4, process: 'inheriting', thread: 'high' }, 'gets the bus at tick 4');
    c.is(r.model.processes[2].mutexes[0].ceiling, 10, 'ceiling 10');
    c.is(r.thread('capped/low').peakPriority, 10, 'low runs at priority 10');
    assert.equal(r.thread('capped/high').priority, 10, 'high is no higher');
    assert.equal(
      r.events.some((e) => e.kind === 'preempt' && e.process === 'capped'),
      false,
      'no preemption',
    );
    assert.equal(r.thread('capped/high').blockedTime, 0, 'it never waits for the bus');
    assert.equal(r.thread('capped/high').readyTime, 3, 'it waits for the CPU');
    c.event(r, 'lock', { t: 4, process: 'capped', thread: 'high', mutex: 'bus' }, 'takes the bus at tick 4');
  });

  test("high's finish: 15, then 5 and 5; inversion-risk on plain's bus only", () => {
    c.metric(r, 'plain/high', 'finish', 15);
    c.metric(r, 'inheriting/high', 'finish', 5);
    c.metric(r, 'capped/high', 'finish', 5);
    const [risk] = c.diag(r, 'inversion-risk');
    assert.equal(risk.range.start.line, r.model.processes[0].mutexes[0].range.start.line, "plain's bus");
    assert.ok(
      r.result.threads.every((t) => t.bound),
      'every thread is one_to_one',
    );
  });
});

describeClaims('dining-philosophers.threads', (c, r) => {
  test('left forks at 1, a deadlock of all five at 2, seen by the analysis', () => {
    assert.equal(r.model.cpus, 5);
    for (let i = 0; i < 5; i++)
      assert.ok(
        r.events.some((e) => e.kind === 'lock' && e.t === 1 && e.thread === `phil[${i}]` && e.mutex === `fork[${i}]`),
      );
    c.event(r, 'lock', { t: 1, thread: 'phil[0]', mutex: 'fork[0]' }, 'left fork at tick 1');
    c.event(r, 'block', { t: 2, thread: 'phil[0]', mutex: 'fork[1]' }, 'waits for its right fork at tick 2');
    assert.equal(r.result.outcome, 'deadlock');
    c.also(r, 'deadlock', { t: 2 }, 'the cycle');
    const [d] = c.diag(r, 'deadlock', { time: 2 });
    for (let i = 0; i < 5; i++) {
      assert.ok(d.message.includes(`phil[${i}]`), `names phil[${i}]`);
      assert.ok(d.message.includes(`fork[${i}]`), `names fork[${i}]`);
    }
    c.diag(r, 'lock-order-cycle');
  });

  test('one global order: no cycle, no analysis warning, all done at 22', () => {
    const body = r.model.processes[0].threads[0].body.map((s) => s.op).join(' ');
    const last = `  thread last {\n    compute 1\n    lock fork[0]\n    compute 1\n    lock fork[4]\n    compute 3\n    unlock fork[4]\n    unlock fork[0]\n  }\n}`;
    const text = c.variant('thread phil[5] {', 'thread phil[4] {').replace(/\}\s*$/, `${last}\n`);
    const fixed = c.run(text);
    assert.equal(fixed.model.processes[0].threads[4].body.map((s) => s.op).join(' '), body);
    assert.equal(fixed.result.outcome, 'completed');
    assert.deepEqual(fixed.diagnostics, [], 'the analysis is silent');
    const ends = fixed.result.threads.map((t) => t.finish!).sort((a, b) => a - b);
    assert.equal(new Set(ends).size, 5, 'they eat in turn');
    c.is(Math.max(...ends), 22, 'all done at tick 22');
  });
});
