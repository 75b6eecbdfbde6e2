// Scenario snippets: every expansion compiles without error, whatever choices are taken, and
// completion offers them where they fit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { compile } from '../../src/language';
import { expandSnippet, snippetChoices, SNIPPETS, type ScenarioSnippet } from '../../src/lsp/snippets';
import { TestServer } from './harness';

/** Every expansion of a snippet: the defaults, then each option of each choice in turn. */
function expansions(s: ScenarioSnippet): string[] {
  const out = [expandSnippet(s.body)];
  for (const [id, options] of snippetChoices(s.body))
    for (const o of options) out.push(expandSnippet(s.body, { [id]: o }));
  return out;
}

describe('scenario snippets', () => {
  it('expand placeholders, mirrors and choices as an editor does', () => {
    assert.equal(expandSnippet('a ${1:x} $1 ${2|p,q|} $2 \\$3 $0'), 'a x x p p $3 ');
    assert.equal(expandSnippet('${1|p,q|}', { 1: 'q' }), 'q');
    assert.deepEqual([...snippetChoices('${3|a,b,c|}')], [[3, ['a', 'b', 'c']]]);
  });

  it('cover a scenario skeleton, a process per model, a thread array, a dining table and producer/consumer', () => {
    const bodies = SNIPPETS.map((s) => expandSnippet(s.body)).join('\n');
    for (const model of ['one_to_one', 'many_to_one', 'many_to_many'])
      assert.ok(
        SNIPPETS.some((s) => s.place === 'file' && new RegExp(`model ${model}\\b`).test(s.body)),
        model,
      );
    assert.match(bodies, /scenario "/);
    assert.match(bodies, /thread \w+\[\d+\]/);
    assert.match(bodies, /lock fork\[i\+1\]/);
    assert.match(bodies, /condvar \w+[\s\S]*wait \w+ \w+[\s\S]*signal \w+/);
  });

  for (const s of SNIPPETS) {
    it(`"${s.label}" compiles without error, with every choice`, () => {
      for (const text of expansions(s)) {
        const file = s.place === 'process' ? `process p {\n${text}\n}\n` : text;
        const errors = compile(file).diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(
          errors.map((d) => `${d.range.start.line + 1}: ${d.message}`),
          [],
          file,
        );
      }
    });
  }

  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { enabled: false } } });
  });
  after(async () => {
    await server.stop();
  });

  async function complete(text: string, trigger?: string): Promise<CompletionItem[]> {
    const uri = `file:///snippets/${Math.random().toString(36).slice(2)}.threads`;
    server.open(uri, text);
    const lines = text.split('\n');
    const items = await server.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: lines.length - 1, character: lines[lines.length - 1].length },
      context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
    });
    server.close(uri);
    return items;
  }

  const snippetLabels = (items: CompletionItem[]) => items.filter((i) => i.kind === 15).map((i) => i.label);

  it('completion offers the file-level snippets at the top level, as snippets', async () => {
    const items = await complete('');
    assert.deepEqual(
      snippetLabels(items),
      SNIPPETS.filter((s) => s.place === 'file').map((s) => s.label),
    );
    const skeleton = items.find((i) => i.label === 'scenario skeleton');
    assert.equal(skeleton?.insertTextFormat, 2);
    assert.ok(
      items.some((i) => i.label === 'process' && i.kind === 14),
      'the keyword is still offered',
    );
  });

  it('completion offers the thread array in a process, none in a body, none after a typed space', async () => {
    assert.deepEqual(snippetLabels(await complete('process p {\n  ')), ['thread array']);
    assert.deepEqual(snippetLabels(await complete('process p {\n  thread t {\n    ')), []);
    assert.deepEqual(snippetLabels(await complete('process p {\n  ', ' ')), []);
  });
});
