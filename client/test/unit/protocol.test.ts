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
