/** Properties over every sample and fixture: conservation, determinism, resumability. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/language';
import { createSimulation, simulate } from '../../src/simulator';
import { Mulberry32 } from '../../src/simulator/rng';
import { assertConservation, model, oneToOne, run, runSliced } from './helpers';

const root = join(__dirname, '../../..');
const files = [
  ...readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.threads'))
    .map((f) => join(root, 'samples', f)),
  ...readdirSync(join(root, 'server/test/fixtures/conformance'))
    .filter((f) => f.endsWith('.threads'))
    .map((f) => join(root, 'server/test/fixtures/conformance', f)),
];
const scenarios = files
  .map((f) => ({ f, m: compile(readFileSync(f, 'utf8')).model }))
  .filter((x): x is { f: string; m: NonNullable<typeof x.m> } => x.m !== null);

test('there are scenarios to check', () => {
  assert.ok(scenarios.length >= 12);
});

for (const { f, m } of scenarios) {
  const name = f.slice(root.length + 1);
  test(`conservation and determinism: ${name}`, () => {
    const a = simulate(m, { record: { events: true, spans: true } });
    assertConservation(a);
    const b = simulate(m, { record: { events: true, spans: true } });
    assert.deepEqual(b, a, 'same file, same trace');
    const plain = simulate(m);
    const { events, spans, inversions, topology, stalls, statements, recording, final, ...core } = a;
    assert.ok(events && spans && inversions && topology && stalls && statements && final);
    assert.deepEqual(recording, { events: events.length, complete: true, until: null });
    assert.deepEqual(plain, core, 'recording changes nothing, and nothing is recorded unless asked');
  });
  test(`a run sliced by events or by instants equals the whole run: ${name}`, () => {
    const whole = simulate(m, { record: { events: true, spans: true } });
    const sim = createSimulation(m, { record: { events: true, spans: true } });
    while (!sim.step({ maxEvents: 3 })) {
      /* slices */
    }
    assert.deepEqual(sim.result(), whole);
    const byTime = createSimulation(m, { record: { events: true, spans: true } });
    let t = 0;
    while (!byTime.step({ untilTime: t })) {
      assert.ok(byTime.now <= t);
      t += 2;
    }
    assert.deepEqual(byTime.result(), whole);
  });
}

test('CPU spans tile each CPU lane exactly: busy and overhead spans sum to the metrics', () => {
  for (const { m } of scenarios) {
    const r = simulate(m, { record: { spans: true } });
    for (const c of r.cpus) {
      const spans = (r.spans ?? []).filter((s) => s.lane.kind === 'cpu' && s.lane.cpu === c.id);
      const over = spans.filter((s) => s.state === 'overhead').reduce((n, s) => n + s.end - s.start, 0);
      const busy = spans.filter((s) => s.state !== 'overhead').reduce((n, s) => n + s.end - s.start, 0);
      assert.equal(over, c.overhead);
      assert.equal(busy, c.busy);
    }
    assert.ok(r.topology && r.topology.cpus === r.cpus.length);
  }
});

test('ranges: one mulberry32 draw per evaluation, a + floor(u(b-a+1)), seeded', () => {
  const text = oneToOne('cpus 1 seed 7', 'thread a { repeat 5 { compute 1..100 } }');
  const rng = new Mulberry32(7);
  let sum = 0;
  for (let k = 0; k < 5; k++) sum += rng.range(1, 100);
  const r = run(text);
  assert.equal(r.endTime, sum);
  const other = run(text, { seed: 8 });
  assert.notEqual(other.endTime, sum);
});

test('mulberry32 is the published generator', () => {
  // The reference implementation, as published.
  function reference(a: number): () => number {
    return () => {
      let t = (a += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  for (const seed of [0, 1, 42, 2 ** 31 - 1]) {
    const g = new Mulberry32(seed);
    const ref = reference(seed);
    for (let k = 0; k < 100; k++) assert.equal(g.next(), ref());
  }
});

test('the choice hook sees ranges and step orders, and its picks are followed', () => {
  const m = model(oneToOne('cpus 2', 'thread a { compute 1..3 } thread b { compute 1 }'));
  const kinds: string[] = [];
  const r = simulate(m, {
    choose: (c) => {
      kinds.push(c.kind);
      return c.kind === 'range' ? c.count - 1 : c.defaultPick;
    },
  });
  assert.ok(kinds.includes('range'));
  assert.ok(kinds.includes('order'));
  assert.equal(r.threads[0].finish, 3);
});

test('budgets are respected: a slice never runs past its events, the run never past the budget', () => {
  const m = model(oneToOne('cpus 1', 'thread a { repeat 100000 { yield } }'));
  const sim = createSimulation(m, { maxEvents: 5000 });
  sim.step({ maxEvents: 100 });
  assert.ok(sim.eventCount <= 100);
  sim.step();
  assert.ok(sim.done);
  assert.ok(sim.eventCount <= 5000);
  assert.equal(sim.result().outcome, 'budget');
});

test('sliced with shouldStop inside a zero-time loop, the run resumes where it stopped', () => {
  const text = oneToOne('cpus 1', 'thread a { repeat 20000 { yield } compute 1 }');
  const whole = run(text);
  const sliced = runSliced(text, 997);
  assert.deepEqual(sliced, whole);
  assert.equal(whole.outcome, 'completed');
});

test('ties are choice points at both levels; picking another tied thread changes the schedule', () => {
  const kernel = model(
    oneToOne('cpus 1 policy fifo', 'thread a { compute 2 } thread b { compute 2 } thread c { compute 2 }'),
  );
  const seen: string[][] = [];
  const r = simulate(kernel, {
    choose: (c) => {
      if (c.kind === 'tie') seen.push(c.labels ?? []);
      return c.kind === 'tie' ? c.count - 1 : c.defaultPick;
    },
  });
  // The three arrive together at 0 and tie for the idle CPU (docs/reference/language.md §5.5); at 2 the other two.
  assert.deepEqual(seen[0], ['a', 'b', 'c']);
  assert.deepEqual(seen[1], ['a', 'b']);
  assert.equal(r.threads.find((t) => t.name === 'c')?.firstRun, 0);
  assert.equal(r.threads.find((t) => t.name === 'b')?.firstRun, 2);
  assert.equal(r.threads.find((t) => t.name === 'a')?.firstRun, 4);
  const lib = model(
    `scenario "t" { cpus 1 }\nprocess p { model many_to_one thread a { compute 1 } thread b { compute 1 } thread c { compute 1 } }`,
  );
  const labels: string[][] = [];
  simulate(lib, { choose: (c) => (c.kind === 'tie' && labels.push(c.labels ?? []) ? 0 : c.defaultPick) });
  assert.ok(labels.some((l) => l.join() === 'b,c'));
});
