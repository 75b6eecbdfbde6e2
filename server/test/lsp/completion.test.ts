import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { SNIPPETS } from '../../src/lsp/snippets';
import { TestServer } from './harness';
import { mark } from '../support/markers';

const FIXTURE = `scenario "c" {
  cpus 2
  policy ‸
  quantum 5
  ‸
}
process p {
  model ‸
  sigwaiting ‸
  mutex m‸
  mutex fork[3] block ‸
  condvar ready
  semaphore slots 2
  reaper 10 ‸
  thread t priority 3 ‸ {
    lock ‸
    wait ‸
    wait ready ‸
    signal ‸
    sem_wait ‸
    lock fork[‸
    lock fork[i] ‸
    compute ‸
    repeat 3 { un‸ }
  }
  thread helper deferred { exit }
  thread worker[2] { join ‸ }
  thread s { spawn ‸ }
  ‸
}
‸
// lock ‸ in a comment
`;

describe('completion', () => {
  let server: TestServer;
  const uri = 'file:///completion.threads';
  const { text, positions: p } = mark(FIXTURE);
  before(async () => {
    server = await TestServer.start();
    server.open(uri, text);
  });
  after(async () => {
    await server.stop();
  });

  async function labels(i: number, triggerCharacter?: string): Promise<string[]> {
    const r = await server.request<CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: p[i],
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    return (r ?? []).map((c) => c.label);
  }

  it('offers the policies after `policy` and the scenario settings at a fresh line', async () => {
    assert.deepEqual(await labels(0), ['priority', 'fifo', 'rr', 'sjf']);
    const settings = await labels(1);
    assert.ok(settings.includes('quantum') && settings.includes('cpus'));
    assert.ok(!settings.includes('lock') && !settings.includes('model'));
  });

  it('offers enumeration values after process settings', async () => {
    assert.deepEqual(await labels(2), ['one_to_one', 'many_to_one', 'many_to_many']);
    assert.deepEqual(await labels(3), ['on', 'off']);
  });

  it('offers mutex kinds and protocols after a mutex name, only protocols after a kind', async () => {
    const afterName = await labels(4);
    // The cursor touches the name: it is the word being typed, so nothing is offered yet.
    assert.ok(!afterName.includes('inherit'));
    const afterKind = await labels(5);
    assert.ok(afterKind.includes('inherit') && afterKind.includes('ceiling'));
    assert.ok(!afterKind.includes('spin'));
  });

  it('offers `keep` after `reaper N`', async () => {
    assert.ok((await labels(6)).includes('keep'));
  });

  it('offers thread attributes not yet used in a header', async () => {
    const attrs = await labels(7);
    assert.deepEqual(attrs.sort(), ['at', 'bound', 'deferred', 'pin', 'stack']);
  });

  it('offers names of the right kind after lock, wait, signal and sem_wait', async () => {
    assert.deepEqual((await labels(8)).sort(), ['fork', 'm']);
    assert.deepEqual(await labels(9), ['ready']);
    assert.deepEqual((await labels(10)).sort(), ['fork', 'm']);
    assert.deepEqual(await labels(11), ['ready']);
    assert.deepEqual(await labels(12), ['slots']);
  });

  it('offers `i` inside an index and statements after a complete statement', async () => {
    assert.deepEqual(await labels(13), ['i']);
    const stmts = await labels(14);
    assert.ok(stmts.includes('compute') && stmts.includes('sem_post') && !stmts.includes('cpus'));
    assert.deepEqual(await labels(15), []);
    const inRepeat = await labels(16);
    assert.ok(inRepeat.includes('unlock') && inRepeat.includes('yield'));
  });

  it('offers threads after join and spawn, deferred ones first for spawn', async () => {
    assert.deepEqual((await labels(17)).sort(), ['helper', 's', 't', 'worker']);
    const r = await server.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: p[18],
    });
    const first = [...r].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
    assert.equal(first.label, 'helper');
    assert.match(first.detail ?? '', /deferred/);
  });

  it('offers process-level words in a process and top-level words at the top', async () => {
    const proc = await labels(19);
    assert.ok(proc.includes('thread') && proc.includes('mutex') && proc.includes('model') && !proc.includes('lock'));
    // Besides the keywords, the top level offers the snippets (server/test/lsp/snippets.test.ts).
    const snippets = new Set(SNIPPETS.map((x) => x.label));
    assert.deepEqual((await labels(20)).filter((l) => !snippets.has(l)).sort(), ['process', 'scenario']);
  });

  it('offers nothing in a comment, and after a typed space only what completes the construct', async () => {
    assert.deepEqual(await labels(21), []);
    assert.deepEqual((await labels(8, ' ')).sort(), ['fork', 'm']);
    assert.deepEqual(await labels(14, ' '), []);
    assert.deepEqual(await labels(0, ' '), ['priority', 'fifo', 'rr', 'sjf']);
  });
});
