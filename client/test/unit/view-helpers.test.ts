import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, DiagnosticCode } from '@server/language/diagnostic';
import { shortcut } from '../../src/webview/controls';
import { describeEvent, describeSpan, spanLabel } from '../../src/webview/describe';
import { mergeDiagnostics } from '../../src/webview/diagnostics-list';
import { eventText, firstEventAt } from '../../src/webview/events-strip';
import { finalTails, tailLength } from '../../src/webview/final-states';
import { buildLanes, drawnEnd } from '../../src/webview/lanes';
import { layoutRows, rowAt, GROUP_H, ROW_H } from '../../src/webview/timeline-rows';
import { sampleRun } from '../fixtures/sample-run';

const key = (k: string, opts: { shiftKey?: boolean; ctrlKey?: boolean; tag?: string; type?: string } = {}) =>
  shortcut({
    key: k,
    shiftKey: !!opts.shiftKey,
    ctrlKey: !!opts.ctrlKey,
    metaKey: false,
    altKey: false,
    target: { tagName: opts.tag ?? 'BODY', type: opts.type },
  } as unknown as KeyboardEvent);

test('keyboard shortcuts map to playback actions, and leave form fields alone', () => {
  assert.deepEqual(key(' '), { action: { type: 'toggle' } });
  assert.deepEqual(key('ArrowRight'), { action: { type: 'nextEvent' } });
  assert.deepEqual(key('ArrowLeft', { shiftKey: true }), { action: { type: 'nudge', ticks: -1 } });
  assert.deepEqual(key('Home'), { action: { type: 'home' } });
  assert.deepEqual(key('End'), { action: { type: 'end' } });
  assert.deepEqual(key('+'), { action: { type: 'faster' } });
  assert.deepEqual(key('-'), { action: { type: 'slower' } });
  assert.deepEqual(key(']'), { zoom: 2 });
  assert.deepEqual(key('0'), { fit: true });
  assert.deepEqual(key('p'), { action: { type: 'jumpToProblem' } });
  assert.equal(key(' ', { tag: 'BUTTON' }), null, 'Space presses a focused button');
  assert.equal(key('ArrowRight', { tag: 'INPUT', type: 'range' }), null, 'the scrubber moves itself');
  assert.equal(key('Home', { tag: 'SELECT' }), null);
  assert.equal(key('ArrowRight', { ctrlKey: true }), null);
  assert.equal(key('x'), null);
});

test('rows: a heading per group, a row per lane, found by y', () => {
  const groups = buildLanes(sampleRun());
  const { rows, height } = layoutRows(groups);
  assert.equal(rows.length, 3 + 2 + 7 + 2);
  assert.equal(height, 3 * GROUP_H + 11 * ROW_H);
  const r = rowAt(rows, GROUP_H + ROW_H + 3);
  assert.ok(r?.type === 'lane' && r.lane.label === 'CPU 1');
  assert.equal(rowAt(rows, 5)?.type, 'group');
  assert.equal(rowAt(rows, height + 1), null);
});

test('bar labels and tooltips say what a span is', () => {
  const lanes = buildLanes(sampleRun()).flatMap((g) => g.lanes);
  const cpu1 = lanes.find((l) => l.key === 'cpu:1')!;
  assert.equal(spanLabel(cpu1, cpu1.spans[0]), 'flush · logger LWP 1', 'the process is named on CPU bars');
  assert.equal(spanLabel(cpu1, cpu1.spans[1]), 'switch → reader');
  assert.deepEqual(describeSpan(cpu1, cpu1.spans[1]).slice(0, 2), ['CPU 1', 'switch overhead  [14, 16)  2 ticks']);
  const queue = lanes.find((l) => l.kind === 'mutex')!;
  assert.equal(spanLabel(queue, queue.spans[2]), 'worker[1] ← reader');
  const reader = lanes.find((l) => l.label === 'reader')!;
  assert.ok(describeSpan(reader, reader.spans[3]).includes('waiting for mutex queue'));
  const upcall = lanes.find((l) => l.key === 'lwp:server:1')!.markers[0];
  assert.deepEqual(describeEvent(upcall.event), [
    'SIGWAITING upcall at 2',
    'server',
    'SIGWAITING: every LWP of server is blocked',
  ]);
});

test('threads blocked forever get a tail in their final state, with their LWP and mutex', () => {
  const run = sampleRun();
  assert.deepEqual(finalTails(run), [], 'a completed run has none');
  run.outcome = 'deadlock';
  run.threads[1].state = 'blocked';
  run.events!.push({
    t: 24,
    kind: 'block',
    process: 'server',
    thread: 'worker[0]',
    lwp: 2,
    cpu: 0,
    mutex: 'queue',
    range: null,
  });
  run.spans!.push({
    lane: { kind: 'mutex', process: 'server', mutex: 'queue' },
    start: 20,
    end: 24,
    state: 'held',
    owner: 'printer',
    waiters: [],
  });
  const tails = finalTails(run);
  assert.equal(tailLength(24), 1);
  assert.deepEqual(
    tails.map((s) => [s.lane.kind, s.start, s.end, s.state, s.reason ?? s.owner]),
    [
      ['thread', 13, 25, 'blocked', 'mutex queue'],
      ['mutex', 24, 25, 'held', 'printer'],
    ],
  );
  assert.equal(drawnEnd(buildLanes(run), run.endTime), 25);
});

test('diagnostics of the run and the analysis are merged without duplicates', () => {
  const d = (code: DiagnosticCode, line: number): Diagnostic => ({
    code,
    severity: 'warning',
    message: code,
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    time: null,
    relatedInformation: [],
  });
  assert.deepEqual(
    mergeDiagnostics([d('hang', 1), d('horizon', 2)], [d('hang', 1), d('deadlock', 0)]).map((x) => x.code),
    ['hang', 'horizon', 'deadlock'],
  );
});

test('events at an instant are found by binary search and named shortly', () => {
  const events = sampleRun().events!;
  const i = firstEventAt(events, 2);
  assert.deepEqual(
    events
      .slice(i)
      .filter((e) => e.t === 2)
      .map((e) => eventText(e)),
    ['reader io', 'server upcall'],
  );
  assert.equal(eventText(events.find((e) => e.kind === 'lwp_create')!), 'server LWP 2 lwp create');
  assert.equal(eventText(events.find((e) => e.kind === 'lock')!), 'worker[0] lock queue');
  assert.equal(
    eventText(
      events.find((e) => e.kind === 'lock')!,
      true,
    ),
    'server/worker[0] lock queue',
  );
  assert.equal(firstEventAt(events, 1000), events.length);
});
