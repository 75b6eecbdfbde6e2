import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from './edits';
import { FixSession } from './fix-session';
import { ROOT, TestServer } from './harness';

const fixture = (name: string): string =>
  readFileSync(join(ROOT, 'server/test/fixtures/conformance', `${name}.threads`), 'utf8');

describe('quick fixes', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ init: { simulation: { delay: 10 } } });
  });
  after(async () => {
    await server.stop();
  });

  const fixes = new FixSession(() => server, 'fixes');
  const diagnose = fixes.diagnose.bind(fixes);
  const actions = fixes.actions.bind(fixes);
  const applyAndRecheck = fixes.applyAndRecheck.bind(fixes);

  it('unknown-name: changes to the suggestion, or declares the name', async () => {
    const text = 'process p {\n  mutex bus\n  thread t {\n    lock bsu\n    unlock bus\n  }\n}\n';
    const { uri, diag } = await diagnose(text, 'unknown-name');
    const list = await actions(uri, diag);
    const change = list.find((a) => /Change to 'bus'/.test(a.title))!;
    assert.ok(change.isPreferred);
    assert.match(applyEdits(text, change.edit!.changes![uri]), /lock bus\n/);
    const declare = list.find((a) => /Declare mutex 'bsu'/.test(a.title))!;
    assert.match(applyEdits(text, declare.edit!.changes![uri]), /mutex bus\n  mutex bsu\n  thread t/);
    const r = await applyAndRecheck(uri, text, list, /Change to/);
    assert.ok(!r.codes.includes('unknown-name'));
  });

  it('unknown-name on join: declares a thread', async () => {
    const text = 'process p {\n  thread t {\n    join helper\n  }\n}\n';
    const { uri, diag } = await diagnose(text, 'unknown-name');
    const r = await applyAndRecheck(uri, text, await actions(uri, diag), /Declare thread 'helper'/);
    assert.match(r.text, /\n  thread helper \{\n  \}/);
    assert.ok(!r.codes.includes('unknown-name'), r.codes.join());
  });

  it('inversion-risk and priority-inversion: add inherit (or a ceiling)', async () => {
    const text = fixture('pathfinder-inversion');
    const { uri, diag } = await diagnose(text, 'priority-inversion');
    const list = await actions(uri, diag);
    assert.ok(list.some((a) => a.title === "Add 'ceiling 10' to mutex bus"));
    const r = await applyAndRecheck(uri, text, list, /Add 'inherit'/);
    assert.match(r.text, /mutex bus block inherit\n/);
    assert.ok(!r.codes.includes('priority-inversion') && !r.codes.includes('inversion-risk'), r.codes.join());
    const again = await diagnose(text, 'inversion-risk');
    assert.ok((await actions(again.uri, again.diag)).some((a) => /Add 'inherit' to mutex bus/.test(a.title)));
    server.close(again.uri);
  });

  it('the visibility problem: make the unbound owner bound (with inherit when the mutex has none)', async () => {
    const text = (proto: string) => `scenario "v" { cpus 1 }
process app {
  model many_to_many
  lwps 2
  mutex m ${proto}
  thread low priority 1 { lock m compute 4 unlock m }
  thread high priority 10 bound at 1 { lock m compute 1 unlock m }
}
process other { model one_to_one thread medium priority 5 at 2 { compute 10 } }
`;
    const withInherit = text('inherit');
    const a = await diagnose(withInherit, 'priority-inversion');
    const list = await actions(a.uri, a.diag);
    assert.ok(!list.some((x) => /Add 'inherit'/.test(x.title)), 'inherit is there already and cures nothing');
    const r = await applyAndRecheck(a.uri, withInherit, list, /Make thread low bound/);
    assert.match(r.text, /thread low bound priority 1/);
    assert.ok(!r.codes.includes('priority-inversion') && !r.codes.includes('inversion-risk'), r.codes.join());
    const plain = text('');
    const b = await diagnose(plain, 'inversion-risk');
    const both = await applyAndRecheck(b.uri, plain, await actions(b.uri, b.diag), /bound and add 'inherit'/);
    assert.match(both.text, /mutex m inherit *\n/);
    assert.match(both.text, /thread low bound priority 1/);
    assert.ok(!both.codes.includes('priority-inversion') && !both.codes.includes('inversion-risk'), both.codes.join());
  });

  it('rr-needs-quantum: adds quantum 10', async () => {
    const text = 'scenario "rr" {\n  cpus 1\n  policy rr\n}\nprocess p {\n  thread t { compute 3 }\n}\n';
    const { uri, diag } = await diagnose(text, 'rr-needs-quantum');
    const r = await applyAndRecheck(uri, text, await actions(uri, diag), /quantum 10/);
    assert.match(r.text, /policy rr\n  quantum 10\n/);
    assert.ok(!r.codes.includes('rr-needs-quantum'));
  });

  it('model-conflict on pin: makes the thread bound', async () => {
    const text = 'scenario "pin" { cpus 2 }\nprocess p {\n  thread t[2] pin 1 { compute 3 }\n}\n';
    const { uri, diag } = await diagnose(text, 'model-conflict');
    const r = await applyAndRecheck(uri, text, await actions(uri, diag), /bound/);
    assert.match(r.text, /thread t\[2\] bound pin 1/);
    assert.ok(!r.codes.includes('model-conflict'), r.codes.join());
  });

  it('process-stall: sigwaiting on, more concurrency, or a bound thread', async () => {
    const text = fixture('sigwaiting-off');
    const { uri, diag } = await diagnose(text, 'process-stall');
    const list = await actions(uri, diag);
    assert.ok(
      list.some((a) => /Raise concurrency to 2/.test(a.title)),
      list.map((a) => a.title).join(),
    );
    const r = await applyAndRecheck(uri, text, list, /sigwaiting on/);
    assert.match(r.text, /sigwaiting on\n/);
    assert.ok(!r.codes.includes('process-stall'), r.codes.join());
  });

  it('lock-order-cycle: reorders the two locks of one thread', async () => {
    const text =
      'scenario "ab" { cpus 2 }\nprocess p {\n  model one_to_one\n  mutex a\n  mutex b\n' +
      '  thread t1 {\n    lock a\n    lock b\n    unlock b\n    unlock a\n  }\n' +
      '  thread t2 {\n    lock b\n    compute 1\n    lock a\n    unlock a\n    unlock b\n  }\n}\n';
    const { uri, diag } = await diagnose(text, 'lock-order-cycle');
    const list = await actions(uri, diag);
    assert.equal(list.filter((a) => /Reorder/.test(a.title)).length, 2, list.map((a) => a.title).join());
    const r = await applyAndRecheck(uri, text, list, /Reorder thread t1: lock b before lock a/);
    assert.match(r.text, /thread t1 \{\n    lock b\n    lock a\n/);
    assert.ok(!r.codes.includes('lock-order-cycle') && !r.codes.includes('deadlock'), r.codes.join());
  });

  it('offers nothing for a thread array (reordering every element keeps the cycle)', async () => {
    const text = fixture('dining-three');
    const { uri, diag } = await diagnose(text, 'deadlock');
    assert.deepEqual(
      (await actions(uri, diag)).filter((a) => /Reorder/.test(a.title)),
      [],
    );
    server.close(uri);
  });
});
