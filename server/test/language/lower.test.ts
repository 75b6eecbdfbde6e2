// Lowering to the Model: arrays, indices modulo the array length, defaults, repeat kept as a
// loop, ranges of statements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/language';
import { DEFAULTS, type Model, type Stmt } from '../../src/language/model';

function model(text: string): Model {
  const c = compile(text);
  assert.deepEqual(
    c.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return c.model!;
}

const ops = (body: Stmt[]) => body.map((s) => ('mutex' in s ? `${s.op} ${s.mutex}` : s.op));

test('fork[i-1] at i=0 is the last fork; fork[i+1] wraps to fork[0]', () => {
  const m = model(
    'process p { mutex fork[4] thread w[4] { lock fork[i-1] lock fork[i+1] lock fork[i-9] unlock fork[2] } }',
  );
  const p = m.processes[0];
  assert.deepEqual(
    p.threads.map((t) => ops(t.body)),
    [
      ['lock 3', 'lock 1', 'lock 3', 'unlock 2'],
      ['lock 0', 'lock 2', 'lock 0', 'unlock 2'],
      ['lock 1', 'lock 3', 'lock 1', 'unlock 2'],
      ['lock 2', 'lock 0', 'lock 2', 'unlock 2'],
    ],
  );
  assert.deepEqual(
    p.threads.map((t) => [t.name, t.baseName, t.arrayIndex, t.arrayLength, t.tid]),
    [
      ['w[0]', 'w', 0, 4, 1],
      ['w[1]', 'w', 1, 4, 2],
      ['w[2]', 'w', 2, 4, 3],
      ['w[3]', 'w', 3, 4, 4],
    ],
  );
});

test('tables are expanded in declaration order and references are indices', () => {
  const m = model(`process p {
  mutex a
  mutex b[2] spin ceiling 7
  condvar c[2]
  semaphore s 3
  semaphore t[2] 1
  thread one { lock b[1] wait c[1] b[1] sem_post t[1] unlock b[1] spawn w join w }
  thread w[2] deferred { signal c[i] broadcast c[i+1] sem_wait s }
}`);
  const p = m.processes[0];
  assert.deepEqual(
    p.mutexes.map((x) => [x.index, x.name, x.kind, x.protocol, x.ceiling]),
    [
      [0, 'a', 'adaptive', 'none', null],
      [1, 'b[0]', 'spin', 'ceiling', 7],
      [2, 'b[1]', 'spin', 'ceiling', 7],
    ],
  );
  assert.deepEqual(
    p.semaphores.map((x) => [x.name, x.initial]),
    [
      ['s', 3],
      ['t[0]', 1],
      ['t[1]', 1],
    ],
  );
  assert.deepEqual(p.threads[0].body, [
    { op: 'lock', range: p.threads[0].body[0].range, mutex: 2 },
    { op: 'wait', range: p.threads[0].body[1].range, condvar: 1, mutex: 2 },
    { op: 'sem_post', range: p.threads[0].body[2].range, semaphore: 2 },
    { op: 'unlock', range: p.threads[0].body[3].range, mutex: 2 },
    { op: 'spawn', range: p.threads[0].body[4].range, threads: [1, 2] },
    { op: 'join', range: p.threads[0].body[5].range, threads: [1, 2] },
  ]);
  const w1 = p.threads[2].body;
  assert.deepEqual(
    w1.map((s) => ('condvar' in s ? s.condvar : -1)),
    [1, 0, -1],
  );
});

test('defaults of docs/reference/language.md §4 fill a file without a scenario', () => {
  const m = model('process p { mutex m thread t { compute 3 } }');
  assert.equal(m.title, null);
  assert.deepEqual([m.cpus, m.horizon, m.seed, m.policy, m.quantum], [1, 100000, 1, 'priority', null]);
  assert.deepEqual(m.costs, { switch: 0, switchProcess: 0, ipi: 0, lwpCreate: 0 });
  const p = m.processes[0];
  assert.deepEqual(
    [p.model, p.priority, p.lwps, p.concurrency, p.sigwaiting, p.redzone, p.lwpIdleTimeout, p.reaper, p.reaperKeep],
    ['many_to_many', 0, 1, 0, true, true, 1000, 100, 0],
  );
  assert.deepEqual(p.costs, { create: 0, createCached: 0, ultSwitch: 0 });
  assert.equal(p.mutexes[0].kind, DEFAULTS.mutexKind);
  const t = p.threads[0];
  assert.deepEqual([t.priority, t.bound, t.pin, t.stack, t.at, t.deferred], [0, false, null, 8192, 0, false]);
  assert.deepEqual(t.body[0], { op: 'compute', range: t.body[0].range, duration: { min: 3, max: 3 } });
  assert.deepEqual(m.range, p.range);
});

test('settings are lowered; many_to_one has one LWP and one_to_one none, with every thread bound', () => {
  const m = model(`scenario "All \\"set\\"" {
  cpus 4 horizon 500 seed 9 policy rr quantum 3
  cost switch 1 cost switch_process 2 cost ipi 3 cost lwp_create 4
}
process a { model many_to_many priority 5 lwps 3 concurrency 2 sigwaiting off lwp_idle_timeout 50
  redzone off reaper 20 keep 2 cost create 1 cost create_cached 2 cost ult_switch 3
  thread t priority 9 bound pin 3 stack 1m at 7 { io 2..5 stack_use 4k } }
process b { model many_to_one thread u { yield } }
process c { model one_to_one thread v { exit } }`);
  assert.equal(m.title, 'All "set"');
  assert.deepEqual([m.cpus, m.horizon, m.seed, m.policy, m.quantum], [4, 500, 9, 'rr', 3]);
  assert.deepEqual(m.costs, { switch: 1, switchProcess: 2, ipi: 3, lwpCreate: 4 });
  const [a, b, c] = m.processes;
  assert.deepEqual(
    [a.priority, a.lwps, a.concurrency, a.sigwaiting, a.redzone, a.lwpIdleTimeout, a.reaper, a.reaperKeep],
    [5, 3, 2, false, false, 50, 20, 2],
  );
  assert.deepEqual(a.costs, { create: 1, createCached: 2, ultSwitch: 3 });
  const t = a.threads[0];
  assert.deepEqual([t.priority, t.bound, t.pin, t.stack, t.at], [9, true, 3, 1048576, 7]);
  assert.deepEqual(
    t.body.map((s) => ('duration' in s ? s.duration : 'bytes' in s ? s.bytes : null)),
    [{ min: 2, max: 5 }, 4096],
  );
  assert.deepEqual([b.lwps, b.threads[0].bound, b.index], [1, false, 1]);
  assert.deepEqual([c.lwps, c.threads[0].bound, c.index], [0, true, 2]);
});

test('repeat stays a loop: a billion iterations lower at once, in constant space', () => {
  const m = model('process p { thread t { repeat 1000000000 { yield repeat 2000000000 { compute 1 } } } }');
  const r = m.processes[0].threads[0].body[0];
  assert.equal(r.op, 'repeat');
  if (r.op !== 'repeat') return;
  assert.equal(r.count, 1000000000);
  assert.equal(r.body.length, 2);
  assert.equal(JSON.stringify(m).length < 2000, true);
});

test('statement ranges cover the whole statement; thread ranges the name', () => {
  const m = model('process p {\n  mutex fork[2]\n  thread w[2] {\n    lock fork[i+1]\n    compute 2..7\n  }\n}');
  const t = m.processes[0].threads[1];
  assert.deepEqual(t.body[0].range, { start: { line: 3, character: 4 }, end: { line: 3, character: 18 } });
  assert.deepEqual(t.body[1].range, { start: { line: 4, character: 4 }, end: { line: 4, character: 16 } });
  assert.deepEqual(t.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } });
  assert.deepEqual(m.processes[0].mutexes[1].range, {
    start: { line: 1, character: 8 },
    end: { line: 1, character: 12 },
  });
});

test('the model is plain JSON', () => {
  const m = model('scenario "x" { cpus 2 } process p { mutex m thread w[3] { lock m compute 1 unlock m } }');
  assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
});
