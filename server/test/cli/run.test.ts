/** `threadscape run`: summary, --json shape (docs/reference/cli.md), exit codes, --events, --trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, threadscape as cmd } from './support';

const { dir, file } = scratch('threadscape-run-');

const OK = file('ok.threads', 'process p { model one_to_one thread a { compute 3 } thread b { io 2 } }\n');

test('--json has exactly the fields of docs/reference/cli.md, every one present', () => {
  const { out, code } = cmd(['run', OK, '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out);
  assert.deepEqual(Object.keys(r), [
    'scenario',
    'outcome',
    'endTime',
    'threads',
    'cpus',
    'counters',
    'diagnostics',
    'recording',
    'events',
  ]);
  assert.equal(r.scenario, 'ok.threads', 'the file name when there is no title');
  assert.equal(r.events, null);
  assert.deepEqual(r.recording, { events: 0, complete: true, until: null });
  assert.deepEqual(Object.keys(r.threads[0]), [
    'name',
    'process',
    'tid',
    'priority',
    'bound',
    'arrival',
    'firstRun',
    'finish',
    'cpuTime',
    'readyTime',
    'blockedTime',
    'spinTime',
    'state',
  ]);
  assert.deepEqual(Object.keys(r.counters), [
    'switches',
    'processSwitches',
    'ipis',
    'upcalls',
    'lwpsCreated',
    'lwpsReclaimed',
    'threadsCreated',
    'threadsReused',
    'threadsReaped',
  ]);
  // a runs 0..3, then b's io 3..5 leaves the CPU idle.
  assert.deepEqual(r.cpus, [{ id: 0, busy: 3, overhead: 0, idle: 2 }]);
  assert.equal(r.threads[1].bound, true);
});

test('--events adds events with source ranges; --seed, --horizon and --max-events apply', () => {
  const r = JSON.parse(cmd(['run', OK, '--json', '--events']).out);
  assert.ok(r.events.length > 0);
  for (const e of r.events)
    assert.deepEqual(Object.keys(e).slice(0, 8), ['t', 'kind', 'process', 'thread', 'lwp', 'cpu', 'mutex', 'range']);
  assert.ok(r.events.some((e: { kind: string; range: unknown }) => e.kind === 'io' && e.range !== null));
  const h = JSON.parse(cmd(['run', OK, '--json', '--horizon', '1']).out);
  assert.equal(h.outcome, 'horizon');
  assert.equal(h.endTime, 1);
  const b = JSON.parse(cmd(['run', OK, '--json', '--max-events', '3']).out);
  assert.equal(b.outcome, 'budget');
  const ranged = file('ranged.threads', 'process p { model one_to_one thread a { compute 1..1000 } }\n');
  const s1 = JSON.parse(cmd(['run', ranged, '--json', '--seed', '1']).out).endTime;
  const s2 = JSON.parse(cmd(['run', ranged, '--json', '--seed', '2']).out).endTime;
  assert.notEqual(s1, s2);
});

test('a file with text errors is not simulated: outcome null, exit 1', () => {
  const bad = file('bad.threads', 'process p { thread a { compute } }\n');
  const { out, code } = cmd(['run', bad, '--json']);
  assert.equal(code, 1);
  const r = JSON.parse(out);
  assert.equal(r.outcome, null);
  assert.equal(r.endTime, null);
  assert.ok(r.diagnostics.length > 0);
});

test('exit 1 on an error diagnostic from the simulation (deadlock); 2 on an unreadable file', () => {
  const dl = file(
    'dl.threads',
    'process p { model one_to_one mutex a mutex b thread t1 { lock a compute 1 lock b } thread t2 { lock b compute 1 lock a } }\n',
  );
  assert.equal(cmd(['run', dl, '--json']).code, 1);
  const missing = cmd(['run', join(dir, 'nope.threads')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read/);
});

test('the summary shows the outcome, a Gantt line per CPU, the metrics and the diagnostics', () => {
  const { out } = cmd([
    'run',
    file(
      'two.threads',
      'scenario "Two" { cpus 2 }\nprocess p { model one_to_one thread a { compute 4 } thread b { compute 2 } }\n',
    ),
  ]);
  assert.match(out, /^Two: completed at t=4/);
  assert.match(out, /cpu0 +\|AAAA\|/);
  assert.match(out, /cpu1 +\|BB\.\.\|/);
  assert.match(out, /^a +p /m);
});

test('--trace writes Chrome trace events: X slices, i instants, M metadata', () => {
  const out = join(dir, 'trace.json');
  const src = file(
    'tr.threads',
    'scenario "T" { cpus 1 cost lwp_create 2 }\nprocess app { lwps 1 thread r { io 10 } thread w { compute 5 } }\n',
  );
  assert.equal(cmd(['run', src, '--trace', out]).code, 0);
  const trace = JSON.parse(readFileSync(out, 'utf8'));
  assert.ok(Array.isArray(trace.traceEvents));
  const ev = trace.traceEvents as Record<string, unknown>[];
  const slices = ev.filter((e) => e.ph === 'X');
  assert.ok(slices.length > 0);
  for (const s of slices) {
    for (const k of ['name', 'cat', 'ts', 'dur', 'pid', 'tid']) assert.ok(k in s, `slice field ${k}`);
    assert.ok((s.dur as number) > 0);
  }
  const instants = ev.filter((e) => e.ph === 'i');
  assert.ok(instants.some((e) => e.cat === 'upcall'));
  for (const i of instants) assert.ok(['g', 'p', 't'].includes(i.s as string));
  assert.ok(
    ev.some((e) => e.ph === 'M' && e.name === 'process_name' && (e.args as { name: string }).name.startsWith('app')),
  );
  assert.ok(
    ev.some((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name: string }).name.startsWith('CPU 0')),
  );
});
