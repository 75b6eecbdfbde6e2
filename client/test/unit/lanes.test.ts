import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLanes, eventMarks, firstProblem, spanAt, topologyOf } from '../../src/webview/lanes';
import { mappingAt, pkey } from '../../src/webview/mapping';
import { layoutFigure, linkPath } from '../../src/webview/mapping-layout';
import { sampleRun } from '../fixtures/sample-run';

test('lanes: CPUs first, then per process its LWPs, threads and mutexes', () => {
  const groups = buildLanes(sampleRun());
  assert.deepEqual(
    groups.map((g) => g.title),
    ['CPUs', 'server', 'logger'],
  );
  assert.deepEqual(
    groups[0].lanes.map((l) => l.label),
    ['CPU 0', 'CPU 1'],
  );
  assert.deepEqual(
    groups[1].lanes.map((l) => `${l.kind} ${l.label}`),
    [
      'lwp LWP 1',
      'lwp LWP 2',
      'thread reader',
      'thread worker[0]',
      'thread worker[1]',
      'thread printer',
      'mutex queue',
    ],
  );
  assert.equal(groups[2].lanes[0].note, 'bound flush · KLT 2', 'an LWP says the priority its KLT runs at');
  const cpu1 = groups[0].lanes[1];
  assert.deepEqual(
    cpu1.spans.map((s) => s.start),
    [0, 14, 16, 17, 19],
  );
});

test("markers go to the thread, else the LWP, else the process's first LWP", () => {
  const groups = buildLanes(sampleRun());
  const server = groups[1].lanes;
  assert.deepEqual(
    server[0].markers.map((m) => m.kind),
    ['upcall'],
  );
  assert.deepEqual(
    server[1].markers.map((m) => m.kind),
    ['lwp_create'],
  );
  assert.equal(
    server.filter((l) => l.kind === 'thread').every((l) => l.markers.length === 0),
    true,
  );
});

test('inversions are drawn on the waiting thread, the owner and the mutex', () => {
  const run = sampleRun();
  run.inversions = [
    {
      start: 16,
      end: 17,
      process: 'server',
      high: 'reader',
      low: 'worker[1]',
      medium: 'printer',
      mutex: 'queue',
      level: 'library',
    },
  ];
  const lanes = buildLanes(run).flatMap((g) => g.lanes);
  assert.deepEqual(
    lanes.filter((l) => l.inversions.length > 0).map((l) => l.label),
    ['reader', 'worker[1]', 'queue'],
  );
  assert.equal(firstProblem(run), 16);
});

test('spanAt finds the span covering an instant, end exclusive', () => {
  const lane = buildLanes(sampleRun())[0].lanes[0];
  assert.equal(spanAt(lane.spans, 0)?.thread, 'reader');
  assert.equal(spanAt(lane.spans, 2), null);
  assert.equal(spanAt(lane.spans, 5)?.state, 'overhead');
  assert.equal(spanAt(lane.spans, 19.5)?.thread, 'worker[1]');
  assert.equal(spanAt(lane.spans, 20), null);
});

test('event marks are distinct and sorted; a clean run has no first problem', () => {
  const run = sampleRun();
  assert.deepEqual(eventMarks(run), [0, 2, 5, 6, 10, 13, 14, 16, 17, 19, 20, 24]);
  assert.equal(firstProblem(run), null);
});

test('topology is rebuilt from metrics and spans when the run has none', () => {
  const run = sampleRun();
  delete run.topology;
  const topo = topologyOf(run);
  assert.equal(topo.cpus, 2);
  assert.deepEqual(
    topo.processes[0].lwps.map((l) => l.id),
    [1, 2],
  );
  assert.deepEqual(topo.processes[0].mutexes, ['queue']);
});

test('mapping at an instant: thread on LWP, LWP on CPU, states', () => {
  const run = sampleRun();
  const groups = buildLanes(run);
  const topo = topologyOf(run);
  const at1 = mappingAt(groups, topo, 1);
  assert.equal(at1.threadLwp.get(pkey('server', 'reader')), 1);
  assert.equal(at1.lwpCpu.get(pkey('server', 1)), 0);
  assert.equal(at1.lwpCpu.get(pkey('logger', 1)), 1);
  assert.equal(at1.threadLwp.get(pkey('logger', 'flush')), 1);
  assert.equal(at1.threadState.get(pkey('server', 'printer')), 'ready');
  assert.equal(at1.threadLwp.has(pkey('server', 'printer')), false);
  const at8 = mappingAt(groups, topo, 8);
  assert.equal(at8.threadLwp.get(pkey('server', 'reader')), 1, 'blocked in io, the thread stays on its LWP');
  assert.equal(at8.lwpCpu.has(pkey('server', 1)), false);
  assert.equal(at8.lwpState.get(pkey('server', 1)), 'io');
  assert.equal(at8.threadLwp.get(pkey('server', 'worker[0]')), 2);
  assert.equal(at8.threadState.has(pkey('logger', 'flush')), false, 'exited');
  const at15 = mappingAt(groups, topo, 15);
  assert.equal(at15.cpuState.get(1)?.state, 'overhead');
  const at22 = mappingAt(groups, topo, 22);
  assert.equal(at22.lwpState.get(pkey('server', 2)), 'parked');
  assert.equal(at22.threadLwp.get(pkey('server', 'printer')), 1);
});

test('figure layout: every thread, LWP, kernel thread and CPU placed without overlap', () => {
  const fig = layoutFigure(topologyOf(sampleRun()));
  const count = (k: string) => fig.nodes.filter((n) => n.kind === k).length;
  assert.deepEqual([count('thread'), count('lwp'), count('klt'), count('cpu')], [5, 3, 3, 2]);
  for (const a of fig.nodes) {
    for (const b of fig.nodes) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert.ok(apart, `${a.id} overlaps ${b.id}`);
    }
    assert.ok(a.x >= 0 && a.x + a.w <= fig.width && a.y + a.h <= fig.height, `${a.id} inside`);
  }
  assert.equal(fig.boxes.length, 2);
  assert.ok(fig.boxes[0].x + fig.boxes[0].w < fig.boxes[1].x);
  const t = fig.nodes.find((n) => n.kind === 'thread')!;
  const l = fig.nodes.find((n) => n.kind === 'lwp')!;
  assert.match(linkPath(t, l), /^M [\d.]+ [\d.]+ C /);
});

test('figure layout wraps many threads into rows, keeping LWPs under them', () => {
  const threads = Array.from({ length: 25 }, (_, i) => ({ name: `w[${i}]`, priority: 1, bound: false }));
  const fig = layoutFigure({
    cpus: 4,
    processes: [
      { name: 'big', model: 'many_to_many', threads, lwps: [1, 2, 3].map((id) => ({ id, bound: null })), mutexes: [] },
    ],
  });
  const ts = fig.nodes.filter((n) => n.kind === 'thread');
  assert.equal(new Set(ts.map((n) => n.y)).size, 3, 'three rows of at most ten');
  assert.equal(ts.filter((n) => n.y === ts[0].y).length, 10);
  const lwpY = fig.nodes.find((n) => n.kind === 'lwp')!.y;
  assert.ok(ts.every((n) => n.y + n.h < lwpY));
  assert.ok(fig.width < 12 * 78 + 200, 'as wide as one row, not as all threads');
  for (const a of fig.nodes)
    for (const b of fig.nodes) {
      if (a !== b)
        assert.ok(
          a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y,
          `${a.id} overlaps ${b.id}`,
        );
    }
});

test('a process box is wide enough for its title, and its nodes stay centred in it', () => {
  const fig = layoutFigure({
    cpus: 1,
    processes: [
      {
        name: 'logger_with_a_long_name',
        model: 'one_to_one',
        threads: [{ name: 't', priority: 0, bound: true }],
        lwps: [{ id: 1, bound: 't' }],
        mutexes: [],
      },
    ],
  });
  const box = fig.boxes[0];
  assert.ok(box.w >= (23 + 10 + 1) * 7.5, `box ${box.w}px`);
  const t = fig.nodes.find((n) => n.kind === 'thread')!;
  assert.ok(Math.abs(t.x + t.w / 2 - (box.x + box.w / 2)) <= 1, 'centred');
});
