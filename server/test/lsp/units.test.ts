// In-process tests of the language server's pure helpers (the features themselves are
// tested over a real connection in the other files).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lensAnchor } from '../../src/lsp/code-lens';
import { toLspDiagnostic } from '../../src/lsp/convert';
import { fileNameOf } from '../../src/lsp/document-store';
import { formatText } from '../../src/lsp/formatting';
import { inCommentOrString, lexed } from '../../src/lsp/lexed';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/lsp/settings';

describe('language server helpers', () => {
  it('reads settings defensively and clamps the delay to 250 ms', () => {
    assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(parseSettings({ simulation: { enabled: false, delay: 900, timeLimit: 'x' } }), {
      ...DEFAULT_SETTINGS,
      simulate: false,
      delay: 250,
    });
    assert.equal(parseSettings({ delay: -5 }).delay, 0);
    assert.equal(parseSettings({ timeLimit: 1.6e3 }).timeLimit, 1600);
  });

  it('maps a core diagnostic to LSP one to one', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
    const d = toLspDiagnostic(
      {
        code: 'deadlock',
        severity: 'error',
        message: 'deadlock at t=3',
        range,
        time: 3,
        relatedInformation: [{ range, message: 'other lock' }],
        data: { threads: ['a', 'b'] },
      },
      'file:///x.threads',
    );
    assert.deepEqual(d, {
      range,
      severity: 1,
      source: 'threadscape',
      code: 'deadlock',
      message: 'deadlock at t=3',
      relatedInformation: [{ location: { uri: 'file:///x.threads', range }, message: 'other lock' }],
      data: { threads: ['a', 'b'], time: 3 },
    });
    const hint = toLspDiagnostic(
      { code: 'unused-declaration', severity: 'hint', message: 'm', range, time: null, relatedInformation: [] },
      'u',
    );
    assert.equal(hint.severity, 4);
    assert.equal(hint.data, undefined);
    assert.equal(hint.relatedInformation, undefined);
  });

  it('sees the language lexer tolerantly: comments apart, unterminated strings and comments end the text', () => {
    assert.deepEqual(
      lexed('lock m // x\n/* y */ fork[i+1] 2..7 8k').map((t) => t.text),
      ['lock', 'm', 'fork', '[', 'i', '+', '1', ']', '2', '..', '7', '8k'],
    );
    assert.deepEqual(
      lexed('scenario "abc').map((t) => t.kind),
      ['word', 'string'],
    );
    assert.deepEqual(lexed('a /* never closed'), [{ kind: 'word', text: 'a', start: 0, end: 1 }]);
  });

  it('knows comments and strings', () => {
    const t = 'a // b\nc "d" /* e */ f';
    assert.equal(inCommentOrString(t, t.indexOf('b')), true);
    assert.equal(inCommentOrString(t, t.indexOf('c')), false);
    assert.equal(inCommentOrString(t, t.indexOf('d')), true);
    assert.equal(inCommentOrString(t, t.indexOf('e')), true);
    assert.equal(inCommentOrString(t, t.indexOf('f')), false);
    assert.equal(inCommentOrString(t, t.indexOf('\n')), true, 'at the end of a line comment');
    assert.equal(inCommentOrString(t, t.indexOf('"d"') + 3), false, 'after a closed string');
    assert.equal(inCommentOrString('x "ab', 5), true, 'at the end of an unterminated string');
    assert.equal(inCommentOrString('x /* ab', 7), true, 'at the end of an unterminated comment');
  });

  it('anchors the lens on the scenario or the first top-level process', () => {
    assert.deepEqual(lensAnchor('// process in a comment\nscenario "s" {}'), {
      kind: 'word',
      text: 'scenario',
      start: 24,
      end: 32,
    });
    assert.equal(lensAnchor('process p { }')?.start, 0);
    assert.equal(lensAnchor('// nothing'), null);
  });

  it('formats with tabs or spaces and keeps CRLF line ends', () => {
    const edits = formatText('process p {\r\nthread t {\r\n}\r\n}', { tabSize: 4, insertSpaces: false });
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [
        [1, '\tthread t {'],
        [2, '\t}'],
      ],
    );
    assert.deepEqual(formatText('process p {\n  thread t { }\n}\n', { tabSize: 2, insertSpaces: true }), []);
  });

  it('names a document by the last segment of its URI', () => {
    assert.equal(fileNameOf('file:///a/b/dining%20three.threads'), 'dining three.threads');
    assert.equal(fileNameOf('untitled:Untitled-1'), 'Untitled-1');
    assert.equal(fileNameOf('file:///a/b.threads?x=1#f'), 'b.threads');
  });
});
