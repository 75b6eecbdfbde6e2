import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isWebviewMessage, isWebviewState, parseHostMessage } from '../../src/protocol';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } };

test('webview messages: ready and reveal pass, anything malformed is refused', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'reveal', range }));
  for (const bad of [
    null,
    'ready',
    [],
    {},
    { type: 'reveal' },
    { type: 'reveal', range: { start: { line: -1, character: 0 }, end: range.end } },
    { type: 'reveal', range: { start: { line: 1.5, character: 0 }, end: range.end } },
    { type: 'run-code' },
  ])
    assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
});

test('host messages: a model message needs its fields; a null model is allowed', () => {
  const ok = {
    type: 'model',
    uri: 'file:///a.threads',
    version: 3,
    fileName: 'a.threads',
    model: null,
    diagnostics: [],
  };
  assert.ok(isHostMessage(ok));
  assert.ok(isHostMessage({ type: 'error', message: 'no server' }));
  assert.equal(isHostMessage({ ...ok, version: -1 }), false);
  assert.equal(isHostMessage({ ...ok, model: { title: 3 } }), false);
  assert.equal(isHostMessage({ ...ok, diagnostics: [{ code: 'x' }] }), false);
  assert.equal(isHostMessage({ ...ok, type: 'evil' }), false);
  assert.equal(isHostMessage({ type: 'error' }), false);
  const diag = { code: 'deadlock', severity: 'error', message: 'm', range, time: 4, relatedInformation: [] };
  assert.ok(isHostMessage({ ...ok, diagnostics: [diag] }));
  assert.equal(isHostMessage({ ...ok, diagnostics: [{ ...diag, severity: 'fatal' }] }), false);
});

test('parseHostMessage: the diagnostics of the host checked once, where they arrive', () => {
  const diag = { code: 'deadlock', severity: 'error', message: 'm', range, time: 4, relatedInformation: [] };
  const msg = { type: 'model', uri: 'file:///a.threads', version: 1, fileName: 'a.threads', model: null };
  const parsed = parseHostMessage({
    ...msg,
    diagnostics: [
      diag,
      { ...diag, range: { start: range.start, end: { line: -1 } } },
      { ...diag, code: 'no-such-code' },
      { ...diag, message: 7 },
      'junk',
    ],
  });
  assert.ok(parsed && parsed.type === 'model');
  assert.deepEqual(
    parsed.diagnostics.map((d) => d.range),
    [range, { start: range.start, end: range.start }],
    'a broken end keeps the start; unknown codes and malformed entries are dropped',
  );
  assert.deepEqual(parseHostMessage({ type: 'error', message: 'x' }), { type: 'error', message: 'x' });
  for (const bad of [
    null,
    { ...msg },
    { ...msg, diagnostics: 'x' },
    { ...msg, version: -1, diagnostics: [] },
    { type: 'evil' },
  ])
    assert.equal(parseHostMessage(bad), null, JSON.stringify(bad));
});

test('webview state for the serializer', () => {
  assert.ok(isWebviewState({ uri: 'file:///a', time: 3.5, speed: 10 }));
  assert.equal(isWebviewState({ uri: '', time: 0, speed: 1 }), false);
  assert.equal(isWebviewState({ uri: 'file:///a', time: -1, speed: 1 }), false);
  assert.equal(isWebviewState(undefined), false);
});

test('replay, findings and mode messages: checked at the boundary, choices included', () => {
  const choices = [
    { t: 0, kind: 'order', pick: 2 },
    { t: 4, kind: 'range', pick: 0 },
  ];
  const replay = { type: 'replay', uri: 'file:///a.threads', version: 3, choices };
  assert.ok(isHostMessage(replay));
  assert.ok(isHostMessage({ ...replay, finding: { code: 'deadlock-reachable', message: 'm', time: 7 } }));
  assert.ok(isHostMessage({ ...replay, finding: { code: 'hang-reachable', message: 'm', time: null } }));
  for (const bad of [
    { ...replay, version: -1 },
    { ...replay, choices: [{ t: 0, kind: 'guess', pick: 0 }] },
    { ...replay, choices: [{ t: 0, kind: 'tie', pick: -1 }] },
    { ...replay, choices: [{ t: 0.5, kind: 'tie', pick: 0 }] },
    { ...replay, choices: 'all of them' },
    { ...replay, finding: { code: 'x', message: 'm', time: -3 } },
    { ...replay, uri: undefined },
  ])
    assert.equal(isHostMessage(bad), false, JSON.stringify(bad));
  const finding = { code: 'deadlock-reachable', message: 'm', time: 2, choices, departures: ['at t=0, b steps first'] };
  const findings = { type: 'findings', uri: 'file:///a.threads', version: 3, findings: [finding] };
  assert.ok(isHostMessage(findings));
  assert.ok(isHostMessage({ ...findings, findings: [], search: { complete: true, states: 120 } }));
  assert.equal(isHostMessage({ ...findings, findings: [{ ...finding, choices: [{}] }] }), false);
  assert.equal(isHostMessage({ ...findings, findings: [{ ...finding, departures: [3] }] }), false);
  assert.equal(isHostMessage({ ...findings, search: { complete: 'yes', states: 1 } }), false);
  for (const mode of ['run', 'play', 'predict', 'compare']) assert.ok(isHostMessage({ type: 'mode', mode }));
  assert.equal(isHostMessage({ type: 'mode', mode: 'debug' }), false);
});

test('saveReplay from the webview carries well-formed choices only', () => {
  assert.ok(isWebviewMessage({ type: 'saveReplay', choices: [{ t: 1, kind: 'tie', pick: 1 }] }));
  assert.ok(isWebviewMessage({ type: 'saveReplay', choices: [] }));
  assert.equal(isWebviewMessage({ type: 'saveReplay', choices: [{ t: 1, kind: 'tie' }] }), false);
  assert.equal(isWebviewMessage({ type: 'saveReplay' }), false);
});

test('webview state keeps a mode the panel has', () => {
  assert.ok(isWebviewState({ uri: 'file:///a', time: 0, speed: 1, mode: 'predict' }));
  assert.equal(isWebviewState({ uri: 'file:///a', time: 0, speed: 1, mode: 'secret' }), false);
});

test('a model message may list the lines marked for predict-then-reveal', () => {
  const m = { type: 'model', uri: 'u', version: 1, fileName: 'a', model: null, diagnostics: [] };
  assert.ok(isHostMessage({ ...m, markedLines: [3, 9] }));
  assert.equal(isHostMessage({ ...m, markedLines: [-1] }), false);
});
