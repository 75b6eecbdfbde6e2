import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, TestServer } from './harness';
import { seeded } from '../support/random';

const DIR = join(ROOT, 'server/test/fixtures/conformance');
const SOURCES = readdirSync(DIR)
  .filter((f) => f.endsWith('.threads'))
  .sort()
  .map((f) => readFileSync(join(DIR, f), 'utf8'));

const JUNK = [
  '{',
  '}',
  '[',
  ']',
  'lock',
  'wait',
  'i+1',
  '..',
  '0',
  '99999999999',
  '"',
  '/*',
  'thread',
  'mutex m',
  '\n',
  'é',
  '😀',
  'process',
];

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (t.length + 1));
    const op = Math.floor(r() * 4);
    if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
    else if (op === 1) t = t.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + t.slice(at);
    else if (op === 2) t = t.slice(0, at);
    else {
      const b = Math.floor(r() * t.length);
      t = t.slice(0, Math.min(at, b)) + t.slice(Math.max(at, b)) + t.slice(Math.min(at, b), Math.max(at, b));
    }
  }
  return t;
}

function positionIn(text: string, r: () => number): { line: number; character: number } {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  return { line, character: Math.floor(r() * (lines[line].length + 1)) };
}

describe('robustness and lifecycle', () => {
  it('answers every request on 150 mutated files without an error, then shuts down cleanly', async () => {
    const server = await TestServer.start({ init: { simulation: { delay: 0, timeLimit: 200 } } });
    try {
      const r = seeded(20261126);
      const uri = 'file:///fuzz/mutated.threads';
      server.open(uri, SOURCES[0]);
      let version = 1;
      for (let k = 0; k < 150; k++) {
        const text = mutate(SOURCES[k % SOURCES.length], r);
        version = server.change(uri, text);
        const pos = positionIn(text, r);
        const td = { textDocument: { uri }, position: pos };
        await Promise.all([
          server.request('textDocument/hover', td),
          server.request('textDocument/completion', td),
          server.request('textDocument/definition', td),
          server.request('textDocument/references', { ...td, context: { includeDeclaration: true } }),
          server.request('textDocument/prepareRename', td),
          server.request('textDocument/documentSymbol', { textDocument: { uri } }),
          server.request('textDocument/codeLens', { textDocument: { uri } }),
          server.request('textDocument/semanticTokens/full', { textDocument: { uri } }),
          server.request('threadscape/model', { uri }),
        ]);
        const ds = await server.diagnosticsFor(uri, version, () => true);
        await server.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: pos, end: pos },
          context: { diagnostics: ds },
        });
      }
      // A rename may be refused (ResponseError), never crash.
      await server
        .request('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 }, newName: 'x' })
        .catch(() => null);
      assert.equal(server.child.exitCode, null, 'the server is still running');
      assert.deepEqual(
        server.logs.filter((l) => /internal error|failed/.test(l)),
        [],
      );
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  it('exits with code 1 on exit without shutdown (LSP), and has no heap request by default', async () => {
    const server = await TestServer.start();
    try {
      await assert.rejects(server.request('threadscape/heap', null), /Unhandled method|not found/i);
      const exited = new Promise<number | null>((res) => server.child.once('exit', (c) => res(c)));
      await server.conn.sendNotification('exit');
      assert.equal(await exited, 1);
    } finally {
      server.kill();
    }
  });

  it('answers the heap request when started for benchmarking', async () => {
    const server = await TestServer.start({ env: { THREADSCAPE_BENCH: '1' }, execArgv: ['--expose-gc'] });
    try {
      const h = await server.request<{ heapUsed: number; collected: boolean }>('threadscape/heap', null);
      assert.ok(h.heapUsed > 0);
      assert.equal(h.collected, true);
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });
});
