/** `--trace`'s causes: each recorded cause is a flow from the causing event's track to the caused one's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromeTrace } from '../../src/cli/trace-chrome';
import { compile } from '../../src/language';
import { simulate } from '../../src/simulator';

const sample = (name: string) =>
  simulate(compile(readFileSync(join(__dirname, '../../../samples', name), 'utf8')).model!, {
    record: { events: true, spans: true },
  });

test('causes become flows: an s and an f per cause, on the tracks of both events', () => {
  for (const name of ['sigwaiting.threads', 'cross-cpu-preemption.threads', 'death-row.threads']) {
    const r = sample(name);
    const trace = chromeTrace(r).traceEvents;
    const starts = trace.filter((e) => e.ph === 's');
    const ends = trace.filter((e) => e.ph === 'f');
    const causes = r.events!.filter((e) => e.cause !== undefined);
    assert.ok(causes.length > 0, name);
    assert.equal(starts.length, causes.length, name);
    assert.deepEqual(
      starts.map((e) => e.id),
      ends.map((e) => e.id),
      'each start has its finish',
    );
    causes.forEach((e, k) => {
      assert.equal(ends[k].ts, e.t);
      assert.equal(starts[k].ts, r.events![e.cause!].t);
      assert.equal(starts[k].name, `${r.events![e.cause!].kind} → ${e.kind}`);
      assert.ok(starts[k].bp === 'e' && ends[k].bp === 'e');
    });
  }
  const sig = chromeTrace(sample('sigwaiting.threads')).traceEvents;
  const up = sig.find((e) => e.ph === 's' && e.name === 'upcall → lwp_create')!;
  const lwp = sig.find((e) => e.ph === 'f' && e.id === up.id)!;
  assert.ok(lwp.tid >= 100000, 'the upcall points at the track of the LWP it created');
  assert.ok(up.tid >= 100000, 'an upcall (an event of the whole process) starts on a track with slices: an LWP');
});
