/** The packed recorded form: what the standalone page stores gives back the run it packed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/language';
import { simulate, type RunResult } from '../../src/simulator';
import { packRun, unpackRun, type PackedRun } from '../../src/simulator/pack';
import { sortSpans } from '../../src/simulator/derive-spans';
import { generateScenario as scenario } from './generate';

/** The statements as (thread, t, range) triples with their ranges resolved. */
function statements(r: RunResult): unknown[] {
  const s = r.statements!;
  return s.t.map((t, k) => [s.thread[k], t, s.ranges[s.range[k]]]);
}

function roundTrip(r: RunResult, what: string): void {
  const back = unpackRun(JSON.parse(JSON.stringify(packRun(r))) as PackedRun);
  sortSpans(back.spans!);
  const { statements: _a, ...rest } = r;
  const { statements: _b, ...restBack } = back;
  assert.deepEqual(restBack, rest, what);
  assert.deepEqual(statements(back), statements(r), what);
}

test('every sample and generated scenario comes back from its packed form', () => {
  const dir = join(__dirname, '../../../samples');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.threads'))) {
    const m = compile(readFileSync(join(dir, f), 'utf8')).model!;
    roundTrip(simulate(m, { record: { events: true, spans: true } }), f);
  }
  for (let seed = 1; seed <= 40; seed++) {
    const m = compile(scenario(seed)).model;
    if (m) roundTrip(simulate(m, { maxEvents: 50_000, record: { events: true, spans: true } }), `seed ${seed}`);
  }
});

test('the packed form is several times smaller than the plain JSON', () => {
  const m = compile(`scenario "long" { cpus 2 policy rr quantum 2 }
process p {
  model many_to_many
  lwps 2
  mutex m
  thread w[6] { repeat 200 { compute 1..3 lock m compute 1 unlock m io 2 } }
}
`).model!;
  const r = simulate(m, { record: { events: true, spans: true } });
  assert.ok(r.spans!.length > 10_000);
  const plain = JSON.stringify(r).length;
  const packed = JSON.stringify(packRun(r)).length;
  assert.ok(packed * 3 < plain, `packed ${packed} bytes, plain ${plain}`);
});

test('a malformed packed run is refused with a message, never a crash elsewhere', () => {
  const m = compile(readFileSync(join(__dirname, '../../../samples/sigwaiting.threads'), 'utf8')).model!;
  const good = packRun(simulate(m, { record: { events: true, spans: true } }));
  const bad: PackedRun[] = [
    { ...good, v: 2 as 1 },
    { ...good, spans: [999, 1, 0, 1, 0] },
    { ...good, spans: [0, 5, 0] },
    { ...good, events: [0, 99999, 0] },
    { ...good, events: [0, 0, 5] },
    { ...good, events: ['x' as unknown as number, 0, 0] },
    { ...good, statements: [0, 0, 1e9] },
    { ...good, strings: [...good.strings, 7 as unknown as string] },
    { ...good, styles: [[9999]] },
    { ...good, styles: [[0, 42, 1]] },
    { ...good, shapes: [[0, 0, 0, 0, 0, 0, 0]] },
    { ...good, threads: { keys: ['name'], rows: [['a', 'b']] } },
  ];
  for (const p of bad) assert.throws(() => unpackRun(p), /the packed run is malformed/);
});
