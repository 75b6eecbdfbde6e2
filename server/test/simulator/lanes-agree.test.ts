/**
 * One recorded form, lanes that agree: over generated scenarios and every sample, at every
 * instant where any lane changes, an LWP shows its thread's state, a CPU shows the KLT it
 * runs, and no thread or CPU is claimed twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/language';
import { simulate, type RunResult, type Span } from '../../src/simulator';
import { deriveSpans } from '../../src/simulator/derive-spans';
import { generateScenario as scenario } from './generate';
import { run } from './helpers';

type Lanes = Map<string, Span[]>;

function keyOf(s: Span): string {
  const l = s.lane;
  return l.kind === 'cpu'
    ? `cpu ${l.cpu}`
    : l.kind === 'lwp'
      ? `lwp ${l.process} ${l.lwp}`
      : l.kind === 'thread'
        ? `thread ${l.process} ${l.thread}`
        : `mutex ${l.process} ${l.mutex}`;
}

function lanesOf(r: RunResult): Lanes {
  const lanes: Lanes = new Map();
  for (const s of r.spans ?? []) {
    const k = keyOf(s);
    const list = lanes.get(k) ?? [];
    list.push(s);
    lanes.set(k, list);
  }
  for (const list of lanes.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++)
      assert.ok(list[i - 1].end <= list[i].start, `${keyOf(list[i])}: spans overlap at ${list[i].start}`);
  }
  return lanes;
}

function at(lanes: Lanes, key: string, t: number): Span | undefined {
  return lanes.get(key)?.find((s) => s.start <= t && t < s.end);
}

const RUNS: ReadonlySet<string> = new Set(['running', 'spinning']);

/** Every disagreement between lanes at instant t (empty when they agree). */
function disagreements(lanes: Lanes, t: number): string[] {
  const bad: string[] = [];
  const cpuOf = new Map<number, string>();
  const threadOn = new Map<string, string>();
  for (const [key, list] of lanes) {
    const s = list.find((x) => x.start <= t && t < x.end);
    if (s === undefined) continue;
    const lane = s.lane;
    if (lane.kind === 'lwp') {
      const who = `${key} at ${t}`;
      if (s.state === 'overhead' || RUNS.has(s.state)) {
        if (s.cpu === undefined) bad.push(`${who}: ${s.state} without a CPU`);
        else {
          if (cpuOf.has(s.cpu)) bad.push(`${who}: CPU ${s.cpu} also holds ${cpuOf.get(s.cpu)}`);
          cpuOf.set(s.cpu, key);
          const c = at(lanes, `cpu ${s.cpu}`, t);
          if (!c || c.state !== s.state || c.lwp !== lane.lwp || c.process !== lane.process || c.thread !== s.thread)
            bad.push(`${who}: ${s.state} ${s.thread ?? ''} on CPU ${s.cpu}, which shows ${JSON.stringify(c)}`);
        }
      }
      if (s.thread === undefined) {
        if (RUNS.has(s.state)) bad.push(`${who}: ${s.state} without a thread`);
        continue;
      }
      const th = at(lanes, `thread ${lane.process} ${s.thread}`, t);
      const state = th?.state;
      if (RUNS.has(s.state) || ['io', 'sleeping', 'blocked'].includes(s.state)) {
        if (state !== s.state) bad.push(`${who}: ${s.state} while its thread ${s.thread} is ${state}`);
      } else if ((s.state === 'overhead' || s.state === 'ready') && state !== 'ready')
        bad.push(`${who}: ${s.state} while its thread ${s.thread} is ${state}`);
      if (RUNS.has(s.state)) {
        if (th?.lwp !== lane.lwp) bad.push(`${who}: runs ${s.thread}, whose lane says LWP ${th?.lwp}`);
        const other = threadOn.get(`${lane.process} ${s.thread}`);
        if (other) bad.push(`${who}: ${s.thread} also runs on ${other}`);
        threadOn.set(`${lane.process} ${s.thread}`, key);
      }
    } else if (lane.kind === 'thread' && RUNS.has(s.state)) {
      const l = s.lwp === undefined ? undefined : at(lanes, `lwp ${lane.process} ${s.lwp}`, t);
      if (!l || l.thread !== lane.thread || l.state !== s.state)
        bad.push(`${key} at ${t}: ${s.state} on LWP ${s.lwp}, which shows ${JSON.stringify(l)}`);
    } else if (lane.kind === 'cpu') {
      const l = at(lanes, `lwp ${s.process} ${s.lwp}`, t);
      if (!l || l.cpu !== lane.cpu || l.state !== s.state)
        bad.push(`${key} at ${t}: its LWP shows ${JSON.stringify(l)}`);
    }
  }
  return bad;
}

/** Checks every instant where a lane changes; returns the first disagreements found. */
function check(r: RunResult): string[] {
  const lanes = lanesOf(r);
  const instants = new Set<number>();
  for (const s of r.spans ?? []) instants.add(s.start);
  for (const t of [...instants].sort((a, b) => a - b)) {
    const bad = disagreements(lanes, t);
    if (bad.length > 0) return bad.slice(0, 5);
  }
  return [];
}

test('generated scenarios: at every instant the thread, LWP and CPU lanes agree', () => {
  let checked = 0;
  for (let seed = 1; seed <= 160; seed++) {
    const text = scenario(seed);
    const model = compile(text).model;
    if (!model) continue;
    const r = simulate(model, { maxEvents: 100_000, record: { events: true, spans: true } });
    const bad = check(r);
    assert.deepEqual(bad, [], `seed ${seed}:\n${text}`);
    assert.deepEqual(deriveSpans(r.spans ?? []), r.spans, `seed ${seed}: deriving the derived lanes changes them`);
    checked++;
  }
  assert.ok(checked >= 100, `only ${checked} scenarios compiled`);
});

test('samples: at every instant the lanes agree', () => {
  const dir = join(__dirname, '../../../samples');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.threads'))) {
    const model = compile(readFileSync(join(dir, f), 'utf8')).model;
    assert.ok(model, f);
    assert.deepEqual(check(simulate(model, { record: { events: true, spans: true } })), [], f);
  }
});

const spansOf = (r: RunResult, key: string): string[] =>
  lanesOf(r)
    .get(key)!
    .map((s) => `${s.state} [${s.start}, ${s.end})`);

test('a spinner handed the mutex runs: its LWP and CPU stop spinning with it', () => {
  const r = run(`scenario "spin" { cpus 2 }
process p {
  model one_to_one
  mutex a
  mutex b
  thread t1 { lock a compute 3 lock b compute 1 unlock a unlock b }
  thread t2 { lock a compute 3 lock b unlock b unlock a }
  thread t3 { lock a compute 2 unlock a }
}
`);
  const t2 = spansOf(r, 'thread p t2');
  assert.ok(t2.includes('spinning [0, 4)'), t2.join(', '));
  assert.ok(t2.includes('running [4, 7)'), t2.join(', '));
  const lwp = lanesOf(r).get('lwp p 2')!;
  assert.deepEqual(
    lwp.filter((s) => s.start < 7).map((s) => `${s.state} [${s.start}, ${s.end})`),
    ['spinning [0, 4)', 'running [4, 7)'],
  );
  assert.deepEqual(check(r), []);
});
