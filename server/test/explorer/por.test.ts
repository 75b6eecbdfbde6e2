/**
 * Partial-order reduction is sound: every pair of steps the reduction treats as independent
 * reaches the same state in either order. Over generated scenarios, at every `order` choice met
 * on a walk through the run, both orders of each such pair are run and their fingerprints compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/language';
import { Engine } from '../../src/simulator/engine';
import type { Choice, SimulationSnapshot } from '../../src/simulator/api';
import type { Footprint } from '../../src/simulator/world';
import { StateEncoder } from '../../src/explorer/encode';
import { findSymmetries } from '../../src/explorer/symmetry';
import { independent, nextIsOrderChoice, steppers } from '../../src/explorer/por';
import { smallScenario } from './generate-small';
import { generateScenario } from '../simulator/generate';

/** An engine whose choices are forced: the order pick given, everything else the first alternative. */
function harness(text: string) {
  const { model } = compile(text);
  assert.ok(model, text);
  let want: number | null = null;
  const sim: Engine = new Engine(model, {
    choose: (c: Choice): number =>
      c.kind === 'order' && want !== null ? (c.labels?.indexOf(sim.threads[want].name) ?? 0) : 0,
  });
  const enc = new StateEncoder(sim, findSymmetries(model, false));
  /** Runs one unit; when it starts with an order choice, `first` steps first. */
  const unit = (first: number | null): Footprint => {
    want = first;
    const fp: Footprint = { keys: new Set(), dependent: false };
    sim.footprint = fp;
    sim.step({ maxUnits: 1 });
    sim.footprint = null;
    want = null;
    return fp;
  };
  return { sim, enc, unit };
}

/** Runs `a`'s steps then `b`'s (their units) from `s`; the fingerprint after, or null if b never stepped. */
function both(h: ReturnType<typeof harness>, s: SimulationSnapshot, a: number, b: number): string | null {
  h.sim.restore(s);
  h.unit(a);
  for (let guard = 0; guard < 4; guard++) {
    if (h.sim.done || !h.sim.inInstant) return null;
    const ready = steppers(h.sim);
    if (!ready.includes(b)) return null;
    h.unit(b);
    if (!steppers(h.sim).includes(b) || h.sim.threads[b].end !== null) break;
  }
  const f = h.enc.fingerprint();
  return `${f.hi}:${f.lo}`;
}

/** Tables of philosophers with varied forks, think times, CPUs and models: many steps at one instant. */
function table(k: number): string {
  const n = 3 + (k % 4);
  const model = ['one_to_one', 'many_to_many', 'one_to_one'][k % 3];
  const kind = ['adaptive', 'block', 'spin'][Math.floor(k / 3) % 3];
  const think = k % 2 === 0 ? '1' : '1..2';
  return `scenario "table ${k}" { cpus ${k % 5 === 0 ? 1 : n} }
process p {
  model ${model}${model === 'many_to_many' ? ` lwps ${n}` : ''}
  mutex fork[${n}] ${kind}
  semaphore s 1
  thread phil[${n}] { compute ${think} lock fork[i] compute ${k % 3} lock fork[i+1] unlock fork[i+1] unlock fork[i] sem_wait s sem_post s }
}`;
}

test('steps treated as independent commute: both orders reach the same state (generated scenarios)', () => {
  let pairs = 0;
  let scenarios = 0;
  const texts = [
    ...Array.from({ length: 150 }, (_, k) => smallScenario(5000 + k)),
    ...Array.from({ length: 60 }, (_, k) => generateScenario(7000 + k)),
    ...Array.from({ length: 60 }, (_, k) => table(k)),
  ];
  for (const text of texts) {
    const h = harness(text);
    let seenHere = 0;
    for (let steps = 0; steps < 400 && !h.sim.done; steps++) {
      if (nextIsOrderChoice(h.sim)) {
        const s = h.sim.snapshot();
        const ids = steppers(h.sim);
        const fps = new Map<number, Footprint>();
        for (const id of ids) {
          h.sim.restore(s);
          fps.set(id, h.unit(id));
        }
        for (const a of ids) {
          for (const b of ids) {
            if (a >= b || !independent(fps.get(a) as Footprint, fps.get(b) as Footprint)) continue;
            const ab = both(h, s, a, b);
            const ba = both(h, s, b, a);
            if (ab === null || ba === null) continue;
            assert.equal(ab, ba, `${h.sim.threads[a].name} and ${h.sim.threads[b].name} at t=${h.sim.now}:\n${text}`);
            pairs++;
            seenHere++;
          }
        }
        h.sim.restore(s);
      }
      h.unit(null);
    }
    if (seenHere > 0) scenarios++;
  }
  assert.ok(pairs >= 200, `${pairs} independent pairs checked in ${scenarios} scenarios`);
});
