/**
 * What the opening comments of the samples about thread lifecycle, stacks and switch costs
 * say, checked against their runs (the kit and the other samples: claims.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeClaims } from './claims-kit';

describeClaims('death-row.threads', (c, r) => {
  const p = r.model.processes[0];

  test('the first spawn costs 8; the second reuses a stack for 1', () => {
    c.is(p.costs.create, 8, 'cost create (8 ticks)');
    c.metric(r, 'helper[0]', 'arrival', 8);
    c.is(p.costs.createCached, 1, 'cost create_cached (1 tick)');
    c.event(r, 'reuse', { t: 11, thread: 'helper[1]' }, 'a reuse event at 11');
    c.is(r.thread('helper[1]').arrival, 12, 'helper[1] at 12');
    c.counter(r, 'threadsReused', 1);
    for (const [spawned, joined] of [
      ['helper[1]', 'helper[0]'],
      ['helper[2]', 'helper[1]'],
    ])
      assert.ok(r.thread(spawned).arrival! > r.thread(joined).finish!, 'one after the other');
  });

  test('the reaper at 40 frees helper[1] during the sleep; the last spawn at 55 pays 8', () => {
    c.is(p.reaper, 40, 'reaper (40)');
    c.is(p.reaperKeep, 0, 'keep (0)');
    const [reap] = c.event(r, 'reap', { t: 40 }, 'the reaper at tick 40');
    assert.match(reap.detail ?? '', /^1 thread freed/, 'the one there');
    assert.equal(r.result.counters.threadsReaped, 1);
    const sleep = c.lane(r, 'thread', 'boss').find((s) => s.state === 'sleeping')!;
    c.event(r, 'sleep', { thread: 'boss' }, "boss's sleep");
    c.is(sleep.end - sleep.start, 40, "boss's 40-tick sleep");
    assert.ok(sleep.start < 40 && sleep.end > 40, 'during the sleep');
    c.is(sleep.end, 55, 'the last spawn at tick 55');
    c.is(r.thread('helper[2]').arrival! - sleep.end, 8, 'the full 8 ticks again');
    c.metric(r, 'helper[2]', 'arrival', 63);
  });

  test('keep 1: helper[2] reuses the stack and exists at 56', () => {
    const kept = c.run(c.variant('reaper 40 keep 0', 'reaper 40 keep 1'));
    assert.equal(kept.result.counters.threadsReaped, 0);
    assert.ok(kept.events.some((e) => e.kind === 'reuse' && e.thread === 'helper[2]'));
    c.is(kept.thread('helper[2]').arrival, 56, 'helper[2] at 56');
  });
});

describeClaims('red-zones.threads', (c, r) => {
  test('guarded: parser faults at 2 and is named; the process is killed', () => {
    c.event(r, 'fault', { t: 2, process: 'guarded', thread: 'parser' }, 'the fault event names parser');
    const [guarded] = c.diag(r, 'stack-overflow', { count: 2, time: 2 });
    assert.match(guarded.message, /parser/);
    assert.doesNotMatch(guarded.message, /printer/);
    assert.equal(r.thread('guarded/printer').state, 'killed');
    c.event(r, 'kill', { process: 'guarded', thread: 'printer' }, 'the process is killed');
  });

  test('unguarded: parser finishes at 4; printer faults at 5 on another CPU; both are named', () => {
    c.metric(r, 'unguarded/parser', 'finish', 4);
    assert.equal(r.thread('unguarded/parser').state, 'exited', 'normally');
    const [fault] = c.event(r, 'fault', { t: 5, process: 'unguarded', thread: 'printer' }, 'printer faults');
    const printer = c.lane(r, 'thread', 'unguarded/printer');
    c.is(printer[0].end, 5, 'when its compute 5 ends');
    const parserCpu = r.events.find((e) => e.kind === 'run' && e.process === 'unguarded' && e.thread === 'parser')!.cpu;
    assert.notEqual(fault.cpu, parserCpu, 'on another CPU');
    const victim = r.diagnostics.filter((d) => d.code === 'stack-overflow')[1];
    assert.equal(victim.time, 5);
    assert.match(victim.message, /printer.*parser/);
  });
});

describeClaims('switch-costs.threads', (c, r) => {
  const switches = (from: number, to: number) =>
    r.spans.filter((s) => s.lane.kind === 'cpu' && s.state === 'overhead' && s.start >= from && s.start < to);

  test('one CPU, rr with a 2-tick quantum, switch costs 1 and 6', () => {
    assert.deepEqual([r.model.cpus, r.model.policy], [1, 'rr']);
    c.is(r.model.quantum, 2, 'a 2-tick quantum');
    c.is(r.model.costs.switch, 1, 'cost switch 1');
    c.is(r.model.costs.switchProcess, 6, 'cost switch_process 6');
  });

  test('left and right: 7 light switches of 1 tick, done by 23 after 16 ticks of work', () => {
    const light = switches(0, 40);
    c.is(light.length, 7, '7 light switches');
    assert.ok(light.every((s) => s.end - s.start === 1));
    c.is(light[0].end - light[0].start, 1, 'of 1 tick');
    c.is(Math.max(r.thread('left').finish!, r.thread('right').finish!), 23, 'done by tick 23');
    c.is(r.thread('left').cpuTime + r.thread('right').cpuTime, 16, '16 ticks of work');
  });

  test('a and b from 40: 8 hard switches of 6 ticks, the first from solo; b done at 104', () => {
    c.is(r.thread('a').arrival, 40, 'from tick 40');
    const hard = switches(40, Infinity);
    c.is(hard.length, 8, '8 hard switches');
    assert.ok(hard.every((s) => s.end - s.start === 6));
    c.is(hard[0].end - hard[0].start, 6, 'of 6 ticks');
    const before = r.spans.filter((s) => s.lane.kind === 'cpu' && s.state === 'running' && s.end <= 40).at(-1);
    assert.equal(before?.process, 'solo', 'the first one from solo');
    assert.equal(hard[0].process, 'first', 'to first');
    c.metric(r, 'b', 'finish', 104);
  });

  test('overhead 55 (7 + 48), 15 switches, 8 across processes; 48 switching for 16 of work', () => {
    c.is(r.result.cpus[0].overhead, 55, 'overhead 55');
    c.is(switches(0, 40).length, 7, '7');
    const hard = switches(40, Infinity).reduce((n, s) => n + s.end - s.start, 0);
    c.is(hard, 48, '48');
    c.counter(r, 'switches', 15);
    c.counter(r, 'processSwitches', 8);
    c.is(r.thread('a').cpuTime + r.thread('b').cpuTime, 16, 'the same 16 ticks of work');
    c.is(hard, 48, '48 ticks switching');
    assert.equal(hard, 3 * 16, 'three times as long as it computes');
  });
});
