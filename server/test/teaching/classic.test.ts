/**
 * The scheduling exercises give the numbers of the classic textbook exercises (docs/reference/cli.md: compute-only
 * one_to_one threads on one CPU with zero costs): FIFO, non-preemptive SJF and round robin, worked
 * out here by hand-written schedulers independent of the simulator.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Model } from '../../src/language/model';
import { answerQuery, generateExercise, observe, type Topic } from '../../src/teaching';

interface Job {
  name: string;
  at: number;
  length: number;
  index: number;
}

interface Times {
  first: number;
  finish: number;
}

function jobs(model: Model): Job[] {
  return model.processes[0].threads.map((t, index) => {
    assert.equal(t.body.length, 1);
    const s = t.body[0];
    assert.ok(s.op === 'compute' && s.duration.min === s.duration.max);
    return { name: t.name, at: t.at, length: s.duration.min, index };
  });
}

const byArrival = (a: Job, b: Job) => a.at - b.at || a.index - b.index;

function fifo(js: Job[]): Map<string, Times> {
  const out = new Map<string, Times>();
  let t = 0;
  for (const j of [...js].sort(byArrival)) {
    const first = Math.max(t, j.at);
    t = first + j.length;
    out.set(j.name, { first, finish: t });
  }
  return out;
}

function sjf(js: Job[]): Map<string, Times> {
  const out = new Map<string, Times>();
  const left = [...js].sort(byArrival);
  let t = 0;
  while (left.length > 0) {
    const ready = left.filter((j) => j.at <= t);
    if (ready.length === 0) {
      t = left[0].at;
      continue;
    }
    const j = ready.reduce((a, b) => (b.length < a.length ? b : a));
    left.splice(left.indexOf(j), 1);
    out.set(j.name, { first: t, finish: t + j.length });
    t += j.length;
  }
  return out;
}

function roundRobin(js: Job[], quantum: number): Map<string, Times> {
  const out = new Map<string, Times>();
  const arrivals = [...js].sort(byArrival);
  const rest = new Map(js.map((j) => [j.name, j.length]));
  const queue: Job[] = [];
  let t = 0;
  const admit = () => {
    while (arrivals.length > 0 && arrivals[0].at <= t) queue.push(arrivals.shift()!);
  };
  admit();
  let running: Job | null = null;
  while (queue.length > 0 || arrivals.length > 0 || running) {
    if (!running) {
      if (queue.length === 0) {
        t = arrivals[0].at;
        admit();
        continue;
      }
      running = queue.shift()!;
      if (!out.has(running.name)) out.set(running.name, { first: t, finish: -1 });
    }
    const slice = Math.min(quantum, rest.get(running.name)!);
    t += slice;
    rest.set(running.name, rest.get(running.name)! - slice);
    admit(); // arrivals at the expiry instant queue before the expired job
    if (rest.get(running.name) === 0) {
      out.get(running.name)!.finish = t;
      running = null;
    } else if (queue.length > 0) {
      queue.push(running);
      running = null;
    }
  }
  return out;
}

/** Checks the exercises of `topic` for which `expected` gives times (null: not this seed); returns how many. */
function check(topic: Topic, expected: (js: Job[], model: Model) => Map<string, Times> | null): number {
  let checked = 0;
  for (let seed = 1; seed <= 50; seed++) {
    const ex = generateExercise(topic, seed);
    const run = observe(ex.text);
    const js = jobs(run.model);
    const want = expected(js, run.model);
    if (!want) continue;
    const names = js.map((j) => j.name);
    const got = (metric: 'finish' | 'firstRun') =>
      answerQuery({ kind: 'metric', metric, threads: names }, run).value as Record<string, number>;
    const where = `${topic} seed ${seed}`;
    assert.deepEqual(got('finish'), Object.fromEntries(names.map((n) => [n, want.get(n)!.finish])), where);
    assert.deepEqual(got('firstRun'), Object.fromEntries(names.map((n) => [n, want.get(n)!.first])), where);
    checked++;
  }
  return checked;
}

describe('classic scheduling numbers', () => {
  test('fifo', () => assert.equal(check('fifo', fifo), 50));
  const together = (js: Job[]) => new Set(js.map((j) => j.at)).size < js.length;
  // Jobs that arrive together: the shortest runs first (docs/reference/language.md §5.5, simultaneous arrivals).
  for (const [title, keep] of [
    ['sjf (non-preemptive), jobs arriving at different instants', (js: Job[]) => !together(js)],
    ['sjf (non-preemptive), jobs arriving together', together],
  ] as const)
    test(title, () => {
      const n = check('sjf', (js) => (keep(js) ? sjf(js) : null));
      assert.ok(n >= 10, `${n} seeds checked`);
    });
  test('round robin, zero switch cost', () => {
    const n = check('rr', (js, m) => (m.costs.switch === 0 ? roundRobin(js, m.quantum!) : null));
    assert.ok(n >= 25, `${n} zero-cost seeds checked`);
  });
});
