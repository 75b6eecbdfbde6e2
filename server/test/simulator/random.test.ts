/**
 * Generated scenarios over every model, policy and statement: the simulator never throws,
 * always ends within its budget, conserves time, and is deterministic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/language';
import { simulate } from '../../src/simulator';
import { generateScenario } from './generate';
import { assertConservation } from './helpers';

test('300 generated scenarios: no exception, bounded, conserved, deterministic', () => {
  let simulated = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const text = generateScenario(seed);
    const c = compile(text);
    if (!c.model) continue;
    simulated++;
    const a = simulate(c.model, { maxEvents: 200_000, record: { events: true, spans: true } });
    try {
      assertConservation(a);
      assert.ok(a.endTime <= c.model.horizon);
      assert.deepEqual(simulate(c.model, { maxEvents: 200_000, record: { events: true, spans: true } }), a);
    } catch (e) {
      throw new Error(`seed ${seed}: ${(e as Error).message}\n${text}`);
    }
  }
  assert.ok(simulated >= 200, `only ${simulated} scenarios compiled`);
});
