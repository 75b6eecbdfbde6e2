import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, TestServer } from './harness';

const fixture = (name: string): string =>
  readFileSync(join(ROOT, 'server/test/fixtures/conformance', `${name}.threads`), 'utf8');

const DEADLOCK = `scenario "two locks" { cpus 2 }
process p {
  model one_to_one
  mutex a
  mutex b
  thread t1 { lock a compute 2 lock b unlock b unlock a }
  thread t2 { lock b compute 2 lock a unlock a unlock b }
}
`;

const codes = (ds: { code?: string | number }[]): string[] => ds.map((d) => String(d.code));

describe('diagnostics in three tiers', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { delay: 40 } } });
  });
  after(async () => {
    await server.stop();
  });

  it('publishes text and analysis diagnostics first, then simulation ones, for one version', async () => {
    const uri = 'file:///tiers/deadlock.threads';
    const from = server.open(uri, DEADLOCK);
    const first = await server.diagnostics.next((p) => p.uri === uri, from);
    assert.equal(first.version, 1);
    assert.ok(codes(first.diagnostics).includes('lock-order-cycle'), codes(first.diagnostics).join());
    assert.ok(!codes(first.diagnostics).includes('deadlock'));
    const full = await server.diagnosticsFor(uri, 1, (ds) => codes(ds).includes('deadlock'), from);
    const dl = full.find((d) => d.code === 'deadlock')!;
    assert.equal(dl.source, 'threadscape');
    assert.equal(dl.severity, 1);
    assert.match(String(dl.message), /t=/);
    assert.equal(typeof (dl.data as { time?: unknown }).time, 'number');
    for (const r of dl.relatedInformation ?? []) assert.equal(r.location.uri, uri);
    const cycle = full.find((d) => d.code === 'lock-order-cycle')!;
    assert.equal(cycle.severity, 2);
    assert.ok((cycle.relatedInformation ?? []).length > 0);
    const outcome = await server.outcome(uri, 1);
    assert.equal(outcome.outcome, 'deadlock');
    assert.equal(typeof outcome.endTime, 'number');
    server.close(uri);
  });

  it('maps every severity and reports simulation warnings (priority inversion)', async () => {
    const uri = 'file:///tiers/pathfinder.threads';
    const from = server.open(uri, fixture('pathfinder-inversion'));
    const ds = await server.diagnosticsFor(uri, 1, (d) => codes(d).includes('priority-inversion'), from);
    const pi = ds.find((d) => d.code === 'priority-inversion')!;
    assert.equal(pi.severity, 2);
    assert.match(String(pi.message), /high/);
    assert.ok(codes(ds).includes('inversion-risk'));
    assert.equal((await server.outcome(uri, 1)).outcome, 'completed');
    server.close(uri);
  });

  it('reports text errors without simulating, with outcome null', async () => {
    const uri = 'file:///tiers/broken.threads';
    const from = server.open(uri, 'process p {\n  thread t { lock nothere compute }\n}\n');
    const ds = await server.diagnosticsFor(uri, 1, () => true, from);
    assert.ok(ds.length > 0);
    assert.ok(ds.every((d) => d.severity !== undefined && d.source === 'threadscape'));
    assert.ok(codes(ds).includes('unknown-name'), codes(ds).join());
    const o = await server.outcome(uri, 1);
    assert.equal(o.outcome, null);
    assert.equal(o.endTime, null);
    server.close(uri);
  });

  it('ends a burst of 20 edits with diagnostics for the last version only', async () => {
    const uri = 'file:///tiers/burst.threads';
    const from = server.open(uri, DEADLOCK);
    await server.diagnosticsFor(uri, 1, () => true, from);
    const burstStart = server.diagnostics.all.length;
    let last = 1;
    for (let k = 0; k < 20; k++) last = server.change(uri, DEADLOCK.replace('compute 2', `compute ${k + 3}`));
    assert.equal(last, 21);
    await server.outcome(uri, last);
    const after = server.diagnostics.all.slice(burstStart).filter((p) => p.uri === uri);
    const lastIndex = after.map((p) => p.version).lastIndexOf(last);
    assert.ok(lastIndex >= 0);
    // Nothing older is published after the last version's diagnostics…
    assert.ok(after.slice(lastIndex).every((p) => p.version === last));
    // …and no simulation of a superseded version is published at all.
    for (const p of after.filter((q) => q.version !== last)) assert.ok(!codes(p.diagnostics).includes('deadlock'));
    assert.ok(codes(after[lastIndex].diagnostics).includes('deadlock'));
    assert.ok(server.outcomes.all.filter((o) => o.uri === uri).every((o) => o.version === 1 || o.version === last));
    server.close(uri);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///tiers/closing.threads';
    const from = server.open(uri, DEADLOCK);
    await server.diagnosticsFor(uri, 1, () => true, from);
    const mark = server.diagnostics.all.length;
    server.close(uri);
    const cleared = await server.diagnostics.next((p) => p.uri === uri && p.diagnostics.length === 0, mark);
    assert.equal(cleared.diagnostics.length, 0);
  });

  it('cuts a long simulation at its time limit, and drops the simulation of a superseded version', async () => {
    const configure = (timeLimit: number) =>
      server.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { threadscape: { simulation: { timeLimit } } },
      });
    await configure(10_000);
    const uri = 'file:///tiers/long.threads';
    const text = 'process p {\n  thread t { repeat 1000000000 { yield } }\n}\n';
    const from = server.open(uri, text);
    await server.diagnosticsFor(uri, 1, () => true, from);
    // Version 1 is waiting or simulating (for up to 10 s): an edit supersedes it, and its
    // text diagnostics come at once.
    const v2 = server.change(uri, text.replace('yield', 'yield yield'));
    await server.diagnosticsFor(uri, v2, () => true);
    // A shorter limit re-runs the open documents.
    await configure(20);
    const o = await server.outcome(uri, v2);
    assert.equal(o.outcome, 'time-limit');
    assert.ok((o.endTime ?? -1) >= 0);
    const ds = await server.diagnosticsFor(uri, v2, (d) => codes(d).includes('simulation-time-limit'));
    assert.equal(ds.find((d) => d.code === 'simulation-time-limit')!.severity, 3);
    assert.ok(!server.outcomes.all.some((x) => x.uri === uri && x.version === 1));
    await configure(2000);
    server.close(uri);
  });

  it('answers requests while a long simulation runs (it is sliced)', async () => {
    await server.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { threadscape: { simulation: { delay: 0, timeLimit: 5000 } } },
    });
    const uri = 'file:///tiers/sliced.threads';
    const text = 'process p {\n  thread t { repeat 1000000000 { yield } }\n}\n';
    const from = server.open(uri, text);
    await server.diagnosticsFor(uri, 1, () => true, from);
    let outcomeSeen = false;
    void server.outcome(uri, 1).then(
      () => (outcomeSeen = true),
      () => undefined,
    );
    for (let k = 0; k < 5; k++) {
      const h = await server.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 14 },
      });
      assert.match(h?.contents.value ?? '', /repeat/);
    }
    assert.equal(outcomeSeen, false, 'the hovers were answered before the simulation ended');
    server.close(uri);
    await server.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { threadscape: { simulation: { delay: 40, timeLimit: 2000 } } },
    });
  });
});
