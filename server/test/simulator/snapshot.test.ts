/**
 * Snapshots (`Simulation.snapshot` / `restore`): taking one changes nothing, and a run restored
 * to one continues exactly as the uninterrupted run did, byte for byte (events and spans too),
 * over every sample and generated scenarios.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulation, type Simulation, type SimulationSnapshot } from '../../src/simulator';
import type { Model } from '../../src/language/model';
import { seeded } from '../support/random';
import { model } from './helpers';
import { generateScenario } from './generate';

const RECORD = { record: { events: true, spans: true } } as const;

function whole(m: Model): string {
  const sim = createSimulation(m, RECORD);
  sim.step();
  return JSON.stringify(sim.result());
}

/** Steps `sim` by `n` events (or to its end). */
function advance(sim: Simulation, n: number): void {
  sim.step({ maxEvents: n });
}

/** Runs `m` taking snapshots at random points, restoring some of them, and checks the result. */
function checkRestores(m: Model, seed: number, label: string): void {
  const expected = whole(m);
  const rand = seeded(seed);
  const sim = createSimulation(m, RECORD);
  const snaps: SimulationSnapshot[] = [];
  let guard = 0;
  while (!sim.done && guard++ < 10_000) {
    advance(sim, 1 + Math.floor(rand() * 40));
    if (rand() < 0.5) snaps.push(sim.snapshot());
    if (snaps.length > 0 && rand() < 0.25) {
      // Go back to an earlier point and carry on from there.
      sim.restore(snaps[Math.floor(rand() * snaps.length)]);
    }
  }
  sim.step();
  assert.equal(JSON.stringify(sim.result()), expected, `${label}: a restored run ends as the whole run`);
  for (const s of snaps.slice(-3)) {
    sim.restore(s);
    sim.step();
    assert.equal(JSON.stringify(sim.result()), expected, `${label}: restored after the end, it ends the same`);
  }
}

const SAMPLES = join(__dirname, '../../../samples');

for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.threads'))) {
  test(`snapshots restore exactly: samples/${f}`, () => {
    checkRestores(model(readFileSync(join(SAMPLES, f), 'utf8')), f.length, f);
  });
}

test('snapshots restore exactly: 150 generated scenarios', () => {
  for (let k = 0; k < 150; k++) {
    const text = generateScenario(1000 + k);
    checkRestores(model(text), k, `generated #${k}:\n${text}`);
  }
});

test('a snapshot belongs to its simulation', () => {
  const m = model('process p { thread t { compute 2 } }');
  const a = createSimulation(m);
  const b = createSimulation(m);
  assert.throws(() => b.restore(a.snapshot()), /restored into the simulation it was taken of/);
});

test('a run in slices counts exactly the events of the whole run (so the budget falls at the same place)', () => {
  for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.threads'))) {
    const m = model(readFileSync(join(SAMPLES, f), 'utf8'));
    const a = createSimulation(m);
    a.step();
    for (const n of [1, 7, 100]) {
      const b = createSimulation(m);
      while (!b.step({ maxEvents: n }));
      assert.equal(b.eventCount, a.eventCount, `${f} in slices of ${n}`);
    }
  }
});

test("the simulator's statements are shared by value: a Model that went through JSON shares as many", async () => {
  const { Engine } = await import('../../src/simulator/engine');
  const m = model(readFileSync(join(SAMPLES, 'dining-philosophers.threads'), 'utf8'));
  const direct = new Engine(m, {}).stmtCache.serial.size;
  const viaJson = new Engine(JSON.parse(JSON.stringify(m)), {}).stmtCache.serial.size;
  assert.equal(viaJson, direct);
});
