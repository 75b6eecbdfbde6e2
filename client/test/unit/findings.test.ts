import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExplorationParams } from '@server/lsp/protocol';
import { findingsMessage } from '../../src/panel/findings';
import { isHostMessage } from '../../src/protocol';

const report = (choices: ExplorationParams['findings'][number]['choices']): ExplorationParams => ({
  uri: 'file:///w/a.threads',
  version: 4,
  complete: false,
  stoppedBy: 'time',
  states: 1234,
  findings: [
    { code: 'deadlock-reachable', message: 'a deadlock', time: 7, choices, departures: ['at t=0, b steps first'] },
  ],
  text: 'deadlock reachable',
});

test('an exploration report becomes the panel findings message, how far the search got included', () => {
  const m = findingsMessage(report([{ t: 0, kind: 'order', pick: 1 }]));
  assert.ok(isHostMessage(m), 'a message the webview accepts');
  assert.deepEqual(m.search, { complete: false, states: 1234, stoppedBy: 'time' });
  assert.deepEqual(
    m.findings.map((f) => [f.code, f.time, f.choices.length, f.departures]),
    [['deadlock-reachable', 7, 1, ['at t=0, b steps first']]],
  );
});

test('a finding whose choices are not a schedule is left out, never forwarded', () => {
  for (const bad of [
    [{ t: 0, kind: 'shuffle', pick: 1 }],
    [{ t: -1, kind: 'order', pick: 0 }],
    [{ t: 0, kind: 'tie', pick: 0.5 }],
  ]) {
    const m = findingsMessage(report(bad));
    assert.equal(m.findings.length, 0, JSON.stringify(bad));
    assert.ok(isHostMessage(m));
  }
});
