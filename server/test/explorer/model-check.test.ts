/**
 * The model checker on the scenarios it is measured by: dining philosophers with think times
 * (the deadlock found and replayed), the ordered table (proved free of deadlock), symmetry
 * storing fewer states, a lost wake-up reachable under one order, and the limits that stop it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compile } from '../../src/language';
import { explore } from '../../src/explorer';
import { replayHook } from '../../src/explorer/replay';
import { simulate } from '../../src/simulator';
import type { Model } from '../../src/language/model';

/** The table of N philosophers with think times; `ordered`: the last one takes its forks reversed. */
export function table(n: number, ordered: boolean): string {
  const body = (left: string, right: string) =>
    `{ compute 1..3 lock ${left} compute 1 lock ${right} compute 1 unlock ${right} unlock ${left} }`;
  return `scenario "dining ${n}${ordered ? ' ordered' : ''}" { cpus ${n} }
process table {
  model one_to_one
  mutex fork[${n}]
${
  ordered
    ? `  thread phil[${n - 1}] ${body('fork[i]', 'fork[i+1]')}\n  thread last ${body('fork[0]', `fork[${n - 1}]`)}`
    : `  thread phil[${n}] ${body('fork[i]', 'fork[i+1]')}`
}
}`;
}

function modelOf(text: string): Model {
  const { model, diagnostics } = compile(text);
  assert.ok(model, diagnostics.map((d) => d.message).join('\n'));
  return model;
}

for (const n of [3, 5]) {
  test(`dining philosophers with think times, N=${n}: the deadlock is found and its choices replay it`, () => {
    const model = modelOf(table(n, false));
    const r = explore(model);
    const f = r.findings.find((x) => x.code === 'deadlock-reachable');
    assert.ok(f, `found (${r.states} states)`);
    const replay = replayHook({ version: 2, choices: f.choices });
    const again = simulate(model, { choose: replay.hook });
    assert.equal(replay.mismatch(), null);
    assert.equal(again.outcome, 'deadlock');
    assert.match(f.message, /deadlock at t=\d+: phil\[0\] holds fork\[0\] and waits for fork\[1\]/);
    assert.ok(f.departures.length > 0, 'the counterexample departs from the default draws');
  });
}

test('the ordered table (N=3 and N=4): the whole space searched, no deadlock in any schedule', () => {
  for (const n of [3, 4]) {
    const r = explore(modelOf(table(n, true)));
    assert.equal(r.complete, true, `N=${n} complete`);
    assert.deepEqual(r.findings, [], `N=${n}`);
    assert.ok(r.states > 10 && r.schedules > 1, `N=${n}: ${r.states} states, ${r.schedules} schedules`);
  }
});

test('symmetric scenarios store fewer states with symmetry on than off, with the same verdict', () => {
  const model = modelOf(table(4, false));
  const on = explore(model, { all: true });
  const off = explore(model, { all: true, symmetry: false });
  assert.equal(on.complete && off.complete, true);
  assert.ok(on.states < off.states, `${on.states} states with symmetry, ${off.states} without`);
  assert.deepEqual(
    on.findings.map((f) => f.code),
    off.findings.map((f) => f.code),
  );
  assert.ok(
    on.reductions.some((x) => /rotations of phil\[4\] with fork\[4\]/.test(x)),
    on.reductions.join('; '),
  );
});

test('a lost wake-up that only one order reaches is found', () => {
  // On two CPUs both threads step at 1: if signal runs before wait, the waiter waits forever.
  const model = modelOf(`scenario "lost wake-up" { cpus 2 }
process p {
  model one_to_one
  mutex m
  condvar c
  thread waiter { compute 1 lock m wait c m unlock m }
  thread signaller { compute 1 signal c }
}`);
  const base = simulate(model);
  assert.equal(base.outcome, 'completed', 'the default order wakes the waiter');
  const r = explore(model);
  const f = r.findings.find((x) => x.code === 'hang-reachable');
  assert.ok(f, JSON.stringify(r.findings));
  assert.match(f.message, /signaller steps first/);
  assert.match(f.message, /waiter waits on condvar c forever/);
});

test('explore: --max-schedules, --time-limit and --max-memory stop the search and say so', () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-limits-'));
  const file = join(dir, 'ordered.threads');
  writeFileSync(file, table(9, true));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'explore', file, ...args], { encoding: 'utf8' });
  const bySchedules = run('--max-schedules', '2', '--json');
  assert.equal(bySchedules.status, 0);
  assert.equal(JSON.parse(bySchedules.stdout).stoppedBy, 'schedules');
  const byTime = run('--time-limit', '1');
  assert.equal(byTime.status, 0);
  assert.match(byTime.stdout, /incomplete: the time limit stopped it/);
  assert.match(byTime.stdout, /not a proof/);
  const byMemory = run('--max-memory', '1', '--json');
  const m = JSON.parse(byMemory.stdout);
  assert.equal(m.complete, false);
  assert.ok(m.stoppedBy === 'memory' || m.stoppedBy === 'time', m.stoppedBy);
});
