// Help while writing: a misspelt keyword's suggestion and quick fix, the split of a thread array
// whose elements form a lock-order cycle, and hovers that explain a statement in the model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { FixSession } from './fix-session';
import { ROOT, TestServer } from './harness';

const sample = (name: string): string => readFileSync(join(ROOT, 'samples', `${name}.threads`), 'utf8');

describe('authoring help', () => {
  let server: TestServer;
  let n = 0;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { delay: 10 } } });
  });
  after(async () => {
    await server.stop();
  });

  const fixes = new FixSession(() => server, 'authoring');
  const diagnose = fixes.diagnose.bind(fixes);
  const actions = fixes.actions.bind(fixes);
  const apply = fixes.applyAndRecheck.bind(fixes);

  it('a misspelt keyword: "did you mean", and a quick fix that changes it', async () => {
    const text = 'process p {\n  mutex m\n  thread t {\n    lock m\n    unlok m\n  }\n}\n';
    const { uri, diag } = await diagnose(text, 'syntax');
    assert.match(String(diag.message), /found 'unlok'; did you mean 'unlock'\?$/);
    assert.deepEqual(diag.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 9 } });
    const r = await apply(uri, text, await actions(uri, diag), /^Change to 'unlock'$/);
    assert.equal(r.action.isPreferred, true);
    assert.match(r.text, /\n {4}unlock m\n/);
    assert.deepEqual(r.codes, []);
  });

  it('a syntax error that is no misspelling gets no suggestion and no fix', async () => {
    const text = 'process p {\n  thread t {\n    compute 1 frobnicate 3\n  }\n}\n';
    const { uri, diag } = await diagnose(text, 'syntax');
    assert.doesNotMatch(String(diag.message), /did you mean/);
    assert.deepEqual(await actions(uri, diag), []);
    server.close(uri);
  });

  for (const code of ['lock-order-cycle', 'deadlock']) {
    it(`${code} in the dining philosophers: split the last philosopher off, reversed`, async () => {
      const text = sample('dining-philosophers');
      const { uri, diag } = await diagnose(text, code);
      const list = await actions(uri, diag);
      const r = await apply(
        uri,
        text,
        list,
        /^Split phil\[4\] off as thread phil_last, taking fork\[0\] before fork\[4\]/,
      );
      assert.match(r.text, /thread phil\[4\] \{/);
      const last = /thread phil_last \{[\s\S]*?\n {2}\}/.exec(r.text)?.[0] ?? '';
      assert.ok(last.indexOf('lock fork[0]') < last.indexOf('lock fork[4]'), last);
      // Each lock keeps its own comment: fork[0] is the last philosopher's right fork.
      assert.match(last, /lock fork\[0\] +\/\/ right fork: fork\[0\] for the last philosopher\n/);
      assert.match(last, /lock fork\[4\] +\/\/ left fork\n/);
      assert.ok(!/\bi\b/.test(last.replace(/\/\/.*$/gm, '')), `no index variable left: ${last}`);
      assert.ok(!r.codes.includes('lock-order-cycle') && !r.codes.includes('deadlock'), r.codes.join());
      assert.ok(!r.codes.includes('syntax'), r.codes.join());
    });
  }

  it('a fix for both the deadlock and the cycle at one lock is offered once, for both', async () => {
    const text = sample('dining-philosophers');
    const { uri } = await fixes.diagnose(text, 'deadlock');
    const last = server.diagnostics.all.filter((p) => p.uri === uri).at(-1)!;
    const both = last.diagnostics.filter((d) => d.code === 'deadlock' || d.code === 'lock-order-cycle');
    assert.equal(both.length, 2);
    const list = await server.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: both[0].range,
      context: { diagnostics: both, only: ['quickfix'] },
    });
    const splits = list.filter((a) => /^Split/.test(a.title));
    assert.equal(splits.length, 1, list.map((a) => a.title).join(' | '));
    assert.deepEqual(splits[0].diagnostics?.map((d) => d.code).sort(), ['deadlock', 'lock-order-cycle']);
    server.close(uri);
  });

  it('no split when a statement names the array (a join would miss the split-off thread)', async () => {
    const text = sample('dining-philosophers').replace(/\n\}\s*$/, '\n  thread host { join phil }\n}\n');
    const { uri, diag } = await diagnose(text, 'lock-order-cycle');
    assert.deepEqual(
      (await actions(uri, diag)).filter((a) => /^Split/.test(a.title)),
      [],
    );
    server.close(uri);
  });

  it('related locations of a cycle in an array name each element with its own locks', async () => {
    const { uri, diag } = await diagnose(sample('dining-philosophers'), 'lock-order-cycle');
    const related = (diag.relatedInformation ?? []).map((r) => r.message);
    assert.deepEqual(
      related,
      [1, 2, 3, 4].map((k) => `phil[${k}] takes fork[${(k + 1) % 5}] while holding fork[${k}]`),
    );
    server.close(uri);
  });

  /** The hover's Markdown at the `nth` occurrence of `needle` (its first character). */
  async function hoverAt(text: string, needle: string, nth = 0): Promise<string> {
    const uri = `file:///authoring/h${++n}.threads`;
    const from = server.open(uri, text);
    await server.diagnostics.next((p) => p.uri === uri, from);
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, needle);
    const lines = text.slice(0, at).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length + 1 };
    const h = await server.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position,
    });
    server.close(uri);
    return h?.contents.value ?? '';
  }

  it('hover on io explains the pool LWP and SIGWAITING for an unbound thread', async () => {
    const text = sample('sigwaiting');
    const h = await hoverAt(text, 'io 20', 1);
    assert.match(h, /pool LWP/);
    assert.match(h, /SIGWAITING/);
    assert.match(h, /kernel/);
  });

  it('hover on io under many_to_one says the whole process stops', async () => {
    const h = await hoverAt(
      'process p {\n  model many_to_one\n  thread a { io 5 }\n  thread b { compute 1 }\n}\n',
      'io',
    );
    assert.match(h, /one LWP/);
    assert.match(h, /every thread of `p` stops/);
  });

  it("hover on a lock in an array names each element's own mutex, and what a waiter does", async () => {
    const h = await hoverAt(sample('dining-philosophers'), 'lock fork[i+1]');
    assert.match(h, /Per element: `phil\[0\]` fork\[1\], `phil\[1\]` fork\[2\]/);
    assert.match(h, /`phil\[i\]` is bound to an LWP of its own/);
    assert.match(h, /sleeps in the mutex's queue/);
    assert.match(h, /bound to an LWP of its own/);
  });

  it('hover on a statement of a text with errors falls back to the keyword', async () => {
    const h = await hoverAt('process p {\n  thread t { yield lock nope }\n}\n', 'yield');
    assert.match(h, /^\*\*yield\*\* _\(statement\)_/);
  });
});
