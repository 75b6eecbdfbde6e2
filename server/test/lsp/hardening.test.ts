// The language server under misuse: requests before `initialize`, bursts of edits, a change
// that keeps its version, hostile formatting and rename parameters, and a request while a long
// simulation runs. Every wait is on a message, never on the clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestServer } from './harness';

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_PARAMS = -32602;

function codeOf(e: unknown): number | undefined {
  return (e as { code?: number }).code;
}

describe('language server hardening', () => {
  it('refuses requests before initialize and drops notifications, then works', async () => {
    const server = await TestServer.start({ uninitialized: true });
    try {
      const uri = 'file:///early.threads';
      server.open(uri, 'process p { thread t { compute 1 } }\n');
      await assert.rejects(
        server.request('textDocument/documentSymbol', { textDocument: { uri } }),
        (e) => codeOf(e) === SERVER_NOT_INITIALIZED,
      );
      await server.initialize();
      // The didOpen before initialize was dropped: the document is not open.
      assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
      await assert.rejects(
        server.request('initialize', { processId: null, rootUri: null, capabilities: {} }),
        /already initialized/,
      );
      server.open(uri, 'process p { thread t { compute 1 } }\n', 2);
      const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, 1);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('publishes once for a burst of edits, for the last version', async () => {
    const server = await TestServer.start({ init: { simulation: { enabled: false } } });
    try {
      const uri = 'file:///burst.threads';
      await server.diagnosticsFor(uri, 1, () => true, server.open(uri, 'process p { }\n'));
      const mark = server.diagnostics.all.length;
      const edits = Array.from({ length: 10 }, (_, k) => ({
        method: 'textDocument/didChange',
        params: {
          textDocument: { uri, version: k + 2 },
          contentChanges: [{ text: `process p { thread t { compute ${k + 1} } }\n` }],
        },
      }));
      server.burst(edits);
      await server.diagnosticsFor(uri, 11, () => true, mark);
      const published = server.diagnostics.all.slice(mark).filter((p) => p.uri === uri);
      assert.deepEqual(
        published.map((p) => p.version),
        [11],
      );
    } finally {
      await server.stop();
    }
  });

  it('applies a change that keeps the version number', async () => {
    const server = await TestServer.start({ init: { simulation: { enabled: false } } });
    try {
      const uri = 'file:///same.threads';
      const first = await server.diagnosticsFor(
        uri,
        1,
        () => true,
        server.open(uri, 'process p { thread t { compute } }\n'),
      );
      assert.equal(first[0]?.code, 'syntax');
      const mark = server.diagnostics.all.length;
      server.burst([
        {
          method: 'textDocument/didChange',
          params: {
            textDocument: { uri, version: 1 },
            contentChanges: [{ text: 'process p { thread t { compute 1 } }\n' }],
          },
        },
      ]);
      assert.deepEqual(await server.diagnosticsFor(uri, 1, () => true, mark), []);
      const hover = await server.request<{ contents: unknown } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 24 },
      });
      assert.ok(hover, 'the new text is the one answered from');
    } finally {
      await server.stop();
    }
  });

  it('refuses formatting options and rename targets it cannot use', async () => {
    const server = await TestServer.start({ init: { simulation: { enabled: false } } });
    try {
      const uri = 'file:///fmt.threads';
      const text = 'process p {\r  mutex m\r  thread t { lock m unlock m }\r}\r';
      await server.diagnosticsFor(uri, 1, () => true, server.open(uri, text));
      for (const options of [
        { tabSize: 1_000_000, insertSpaces: true },
        { tabSize: 0, insertSpaces: true },
        { tabSize: 2.5, insertSpaces: true },
        { tabSize: 2, insertSpaces: 'yes' },
      ]) {
        await assert.rejects(
          server.request('textDocument/formatting', { textDocument: { uri }, options }),
          (e) => codeOf(e) === INVALID_PARAMS && /tabSize|insertSpaces/.test((e as Error).message),
          JSON.stringify(options),
        );
      }
      const edits = await server.request<{ range: { start: { line: number } }; newText: string }[]>(
        'textDocument/formatting',
        { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } },
      );
      // CR-only lines are lines: the two inner lines are re-indented where they are.
      assert.deepEqual(
        edits.map((e) => [e.range.start.line, e.newText]),
        [
          [1, '    mutex m'],
          [2, '    thread t { lock m unlock m }'],
        ],
      );
      const at = { textDocument: { uri }, position: { line: 1, character: 8 } };
      for (const [newName, why] of [
        [null, /must be a string, not null/],
        ['lock', /'lock' is a keyword/],
        ['9x', /not an identifier/],
      ] as const) {
        await assert.rejects(server.request('textDocument/rename', { ...at, newName }), why);
      }
    } finally {
      await server.stop();
    }
  });

  it('answers a request while a long simulation runs, before the simulation ends', async () => {
    const server = await TestServer.start({ init: { simulation: { delay: 0, timeLimit: 120_000 } } });
    try {
      const uri = 'file:///long.threads';
      const text =
        'scenario "long" { horizon 100000000 }\n' +
        'process p { mutex m thread w[100] { repeat 1000000 { lock m compute 1 unlock m } } }\n';
      await server.diagnosticsFor(uri, 1, () => true, server.open(uri, text));
      const answered = server
        .request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 50 } })
        .then(() => 'hover');
      const finished = server.outcome(uri, 1).then(() => 'simulation');
      assert.equal(await Promise.race([answered, finished]), 'hover');
      server.close(uri);
    } finally {
      await server.stop();
    }
  });
});
