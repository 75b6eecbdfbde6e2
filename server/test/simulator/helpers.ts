/** Test helpers: compile a scenario text and simulate it. */
import assert from 'node:assert/strict';
import { compile } from '../../src/language';
import {
  createSimulation,
  simulate,
  type RunResult,
  type SimulationOptions,
  type ThreadMetrics,
} from '../../src/simulator';
import type { Model } from '../../src/language/model';

/** The model of a scenario text (fails the test on text errors). */
export function model(text: string): Model {
  const c = compile(text);
  assert.ok(c.model, `the scenario has errors: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  return c.model;
}

/** Simulates a scenario text, recording events and spans unless told otherwise. */
export function run(text: string, options: SimulationOptions = {}): RunResult {
  return simulate(model(text), { record: { events: true, spans: true }, ...options });
}

/** Simulates in slices of `n` events through the resumable API. */
export function runSliced(text: string, n: number, options: SimulationOptions = {}): RunResult {
  const sim = createSimulation(model(text), { record: { events: true, spans: true }, ...options });
  let guard = 0;
  while (!sim.step({ maxEvents: n })) {
    guard++;
    assert.ok(guard < 1_000_000, 'the run never ends');
  }
  return sim.result();
}

/** The metrics of one thread ("name" or "process/name"). */
export function thread(r: RunResult, name: string): ThreadMetrics {
  const [p, n] = name.includes('/') ? name.split('/') : [null, name];
  const t = r.threads.find((x) => x.name === n && (p === null || x.process === p));
  assert.ok(t, `no thread ${name}`);
  return t;
}

/** Asserts some fields of a thread's metrics. */
export function expectThread(r: RunResult, name: string, fields: Partial<ThreadMetrics>): void {
  const t = thread(r, name);
  const got: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) got[k] = t[k as keyof ThreadMetrics];
  assert.deepEqual(got, fields, `thread ${name}`);
}

/** Codes of the run's diagnostics. */
export function codes(r: RunResult): string[] {
  return r.diagnostics.map((d) => d.code);
}

/** A one_to_one scenario wrapper: settings and a process body. */
export function oneToOne(settings: string, body: string): string {
  return `scenario "t" { ${settings} }\nprocess p {\n  model one_to_one\n${body}\n}\n`;
}

/** The conservation laws of docs/reference/cli.md: per CPU and per thread. */
export function assertConservation(r: RunResult): void {
  for (const c of r.cpus)
    assert.equal(c.busy + c.overhead + c.idle, r.endTime, `cpu ${c.id}: ${JSON.stringify(c)} vs ${r.endTime}`);
  for (const t of r.threads) {
    if (t.arrival === null) continue;
    const end = t.finish ?? r.endTime;
    assert.equal(
      t.cpuTime + t.readyTime + t.blockedTime + t.spinTime,
      end - t.arrival,
      `thread ${t.process}/${t.name}: ${JSON.stringify(t)}`,
    );
  }
}
