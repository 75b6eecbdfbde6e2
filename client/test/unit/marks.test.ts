/** The editor's marks (host side, without VS Code) and where each thread is at an instant (webview side). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@server/language';
import { simulate } from '@server/simulator';
import { decorationsByHue, nextRunText } from '../../src/panel/marks';
import { isHostMessage, isWebviewMessage, MAX_MARKS, type ThreadMark } from '../../src/protocol';
import { THREAD_HUES, threadHue } from '../../src/thread-colours';
import { indexRun } from '../../src/webview/run-index';
import { marksAt, nextRunAt } from '../../src/webview/thread-marks';

const R = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });

test('marks become one decoration list per hue, each naming its thread and state', () => {
  const marks: ThreadMark[] = [
    { process: 'p', thread: 'a', colour: 0, state: 'running', range: R(3, 2, 11) },
    { process: 'p', thread: 'b', colour: 1, state: 'blocked', range: R(3, 2, 11) },
    { process: 'p', thread: 'c', colour: THREAD_HUES, state: 'ready', range: R(5, 0, 4) },
  ];
  const by = decorationsByHue(marks);
  assert.deepEqual([...by.keys()].sort(), [0, 1]);
  assert.deepEqual(
    by.get(0)!.map((d) => d.label),
    [' ◂ a (running)', ' ◂ c (ready)'],
    'the hues repeat after THREAD_HUES threads',
  );
  assert.equal(by.get(1)![0].hover, 'p/b is here at the playhead: blocked');
  assert.deepEqual(by.get(1)![0].range, R(3, 2, 11));
  assert.equal(threadHue(THREAD_HUES + 3), threadHue(3));
  assert.notEqual(threadHue(0), threadHue(1));
  assert.equal(nextRunText(11), '$(debug-step-over) Next run of line 12');
});

test('the marks and next-run messages are checked at the trust boundary', () => {
  const mark = { process: 'p', thread: 'a', colour: 0, state: 'running', range: R(1, 0, 3) };
  assert.ok(isWebviewMessage({ type: 'marks', marks: [mark] }));
  assert.ok(isWebviewMessage({ type: 'marks', marks: [] }));
  assert.equal(isWebviewMessage({ type: 'marks', marks: [{ ...mark, colour: -1 }] }), false);
  assert.equal(isWebviewMessage({ type: 'marks', marks: [{ ...mark, range: null }] }), false);
  assert.equal(isWebviewMessage({ type: 'marks', marks: Array(MAX_MARKS + 1).fill(mark) }), false);
  assert.ok(isHostMessage({ type: 'nextRun', position: { line: 4, character: 2 } }));
  assert.equal(isHostMessage({ type: 'nextRun', position: { line: -1, character: 2 } }), false);
});

const TEXT = `scenario "marks" { cpus 1 }
process p {
  model one_to_one
  mutex m
  thread a { compute 2
    lock m
    compute 3
    unlock m }
  thread b at 1 { lock m
    compute 1
    unlock m }
}
`;

test('at each instant a mark per live thread, on the statement it reached last', () => {
  const r = simulate(compile(TEXT).model!, { record: { events: true, spans: true } });
  const index = indexRun(r);
  const at = (t: number): string[] => marksAt(index, t).map((m) => `${m.thread}@${m.range.start.line} ${m.state}`);
  assert.deepEqual(at(0), ['a@4 running']);
  assert.deepEqual(at(2), ['a@6 running'], 'b is ready from 1 but has reached no statement yet');
  assert.deepEqual(at(5), ['b@9 running'], 'a exited; b locked m and computes');
  assert.deepEqual(at(r.endTime + 1), [], 'no mark after every thread ended');
});

test('the next time a thread runs a statement, after the playhead', () => {
  const r = simulate(compile(TEXT).model!, { record: { events: true, spans: true } });
  const index = indexRun(r);
  const first = nextRunAt(index, { line: 9, character: 5 }, 0);
  assert.ok(first && first.thread === 'b' && first.range.start.line === 9);
  assert.equal(nextRunAt(index, { line: 9, character: 5 }, first.t), null, 'b computes it once');
  assert.equal(nextRunAt(index, { line: 0, character: 0 }, 0), null, 'no statement on the scenario line');
  const sample = readFileSync(join(__dirname, '../../../samples/dining-philosophers.threads'), 'utf8');
  const d = simulate(compile(sample).model!, { record: { events: true, spans: true } });
  const line = sample.split('\n').findIndex((l) => l.includes('lock fork[i+1]'));
  const hit = nextRunAt(indexRun(d), { line, character: 6 }, 0);
  assert.ok(hit && hit.t === 2, 'the philosophers reach their right fork at 2');
});
