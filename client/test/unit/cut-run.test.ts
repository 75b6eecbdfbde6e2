import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@server/language';
import { createSimulation, simulate } from '@server/simulator';
import { cutRun } from '../../src/webview/cut-run';

const root = join(__dirname, '../../..');

function model(name: string) {
  const c = compile(readFileSync(join(root, 'samples', name), 'utf8'));
  assert.ok(c.model, name);
  return c.model;
}

const RECORD = { record: { events: true, spans: true } };

test('a run cut at t holds what the simulator had recorded before t, and nothing at or after it', () => {
  for (const name of [
    'three-models.threads',
    'priority-inversion.threads',
    'dining-philosophers.threads',
    'sigwaiting.threads',
  ]) {
    const m = model(name);
    const full = simulate(m, RECORD);
    for (const t of [0, 1, Math.floor(full.endTime / 3), Math.floor((2 * full.endTime) / 3)]) {
      const cut = cutRun(full, t);
      const sim = createSimulation(m, RECORD);
      if (t > 0) sim.step({ untilTime: t - 1 });
      const partial = sim.result();
      assert.deepEqual(cut.events, partial.events, `${name} at ${t}: the same events`);
      assert.equal(cut.endTime, t);
      for (const s of cut.spans ?? [])
        assert.ok(s.start < t && s.end <= t, `${name} at ${t}: span ${JSON.stringify(s)}`);
      for (const x of [...(cut.inversions ?? []), ...(cut.stalls ?? [])]) assert.ok(x.end <= t);
      for (const d of cut.diagnostics) assert.ok(d.time !== null && d.time < t, `${name}: ${d.code} at ${d.time}`);
      for (const th of cut.threads) {
        assert.ok(th.finish === null || th.finish < t);
        assert.ok(!['blocked', 'spinning'].includes(th.state), 'no final tail is drawn past the cut');
      }
      assert.ok((cut.statements?.t ?? []).every((x) => x < t));
      const lwps = new Set(
        (cut.spans ?? []).flatMap((s) => (s.lane.kind === 'lwp' ? [`${s.lane.process}/${s.lane.lwp}`] : [])),
      );
      for (const p of cut.topology?.processes ?? [])
        for (const l of p.lwps) assert.ok(lwps.has(`${p.name}/${l.id}`), `${name}: LWP ${l.id} existed before ${t}`);
      assert.equal(cut.final, undefined);
      assert.notEqual(cut.outcome, 'completed', 'a cut run is not shown as complete');
    }
  }
});

test('cutting at or after the end changes nothing', () => {
  const full = simulate(model('three-models.threads'), RECORD);
  assert.equal(cutRun(full, full.endTime + 1), full);
  assert.equal(cutRun(full, full.endTime).events?.length, full.events?.filter((e) => e.t < full.endTime).length);
});
