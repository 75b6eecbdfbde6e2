// The language server compiles each version of a document incrementally; after every edit of a
// series that breaks, merges, comments out and moves top-level blocks, the published text and
// analysis diagnostics must be those of the whole text through the core, as the CLI sees them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../src/diagnose';
import { join } from 'node:path';
import { toLspDiagnostics } from '../../src/lsp/convert';
import { DiagnosticHelp } from '../../src/lsp/diagnostic-help';
import { ROOT, TestServer } from './harness';

// The built server links codes to the reference beside dist/: the same file as here.
const reference = new DiagnosticHelp(join(ROOT, 'docs/reference/diagnostics.md'));
const help = (code: string) => reference.href(code);

const block = (n: number, priority: number): string =>
  `process p${n} {\n  model one_to_one\n  mutex a\n  mutex b\n` +
  `  thread t priority ${priority} {\n    lock a\n    compute 3\n    lock b\n    unlock b\n    unlock a\n  }\n` +
  `  thread u priority ${priority + 2} {\n    lock b\n    lock a\n    unlock a\n    unlock b\n  }\n}\n`;

const START = 'scenario "blocks" {\n  cpus 2\n}\n' + [0, 1, 2, 3, 4].map((n) => block(n, n)).join('');

interface Pos {
  line: number;
  character: number;
}

function offsetOf(text: string, p: Pos): number {
  let at = 0;
  for (let l = 0; l < p.line; l++) at = text.indexOf('\n', at) + 1;
  return at + p.character;
}

function posOf(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('incremental text tiers', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { enabled: false } } });
  });
  after(async () => {
    await server.stop();
  });

  it('publishes what the whole text gives, after every edit of a series', async () => {
    const uri = 'file:///incremental/blocks.threads';
    let text = START;
    const from = server.open(uri, text);
    await server.diagnosticsFor(uri, 1, () => true, from);
    // Each edit: the text to find (its first occurrence at or after `after`), and its replacement.
    const edits: [string, string, string][] = [
      ['compute 3', '', 'compute 4'],
      ['process p2', '', '\nprocess p2'],
      ['}\nprocess p1', '', '\nprocess p1'],
      ['\nprocess p1', '', '}\nprocess p1'],
      ['process p3', '', '/* process p3'],
      ['unlock b', 'process p4', 'unlock b */'],
      ['/* process p3', '', 'process p3'],
      ['unlock b */', '', 'unlock b'],
      ['lock b', 'process p0', 'lock b\nprocess z {\n'],
      ['process z {\n', '', ''],
      ['  mutex a', 'process p4', '   mutex a'],
      ['priority 4', '', 'priority 9'],
      ['cpus 2', '', 'cpus 1'],
    ];
    const seen = new Set<string>();
    for (const [find, afterText, replacement] of edits) {
      const start = text.indexOf(find, afterText ? text.indexOf(afterText) : 0);
      assert.ok(start >= 0, `${find} in ${text}`);
      const range = { start: posOf(text, start), end: posOf(text, start + find.length) };
      assert.equal(offsetOf(text, range.end), start + find.length);
      const mark = server.diagnostics.all.length;
      const version = server.edit(uri, range, replacement);
      text = text.slice(0, start) + replacement + text.slice(start + find.length);
      const got = await server.diagnostics.next((p) => p.uri === uri && p.version === version, mark);
      const want = toLspDiagnostics(diagnose(text).diagnostics, uri, help);
      assert.deepStrictEqual(got.diagnostics, JSON.parse(JSON.stringify(want)), `after ${find} → ${replacement}`);
      for (const d of want) seen.add(String(d.code));
    }
    // The series goes through texts with and without errors, with analysis diagnostics.
    for (const code of ['syntax', 'lock-order-cycle', 'inversion-risk'])
      assert.ok(seen.has(code), `${code} in ${[...seen].join()}`);
    server.close(uri);
  });
});
