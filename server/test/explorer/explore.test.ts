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

/** Two threads take two locks in opposite orders; whether they meet depends on a duration range. */
const RACE = `scenario "A race for two locks" {
  cpus 2
}
process app {
  model one_to_one
  mutex a block
  mutex b block
  thread first {
    lock a
    compute 2
    lock b
    unlock b
    unlock a
  }
  thread second {
    compute 0..4
    lock b
    compute 5
    lock a
    unlock a
    unlock b
  }
}
`;

function modelOf(text: string): Model {
  const { model, diagnostics } = compile(text);
  assert.ok(model, diagnostics.map((d) => d.message).join('\n'));
  return model;
}

/** A seed whose default run draws 2..4 for `second`, so the default schedule does not deadlock. */
function safeSeed(): number {
  for (let seed = 1; seed < 50; seed++) {
    if (simulate(modelOf(RACE), { seed }).outcome === 'completed') return seed;
  }
  throw new Error('no seed avoids the deadlock');
}

test('the explorer finds a deadlock the default schedule misses, with choices that replay it', () => {
  const seed = safeSeed();
  const model = modelOf(RACE);
  const first = explore(model, { simulation: { seed } });
  assert.equal(first.stoppedBy, 'finding', 'by default the search stops at its first finding');
  assert.equal(first.complete, false);
  const r = explore(model, { simulation: { seed }, all: true });
  assert.equal(r.baseline, 'completed');
  assert.equal(r.complete, true);
  assert.ok(r.schedules >= 5, `every draw of 0..4 is tried (${r.schedules} schedules)`);
  const f = r.findings.find((x) => x.code === 'deadlock-reachable');
  assert.ok(f, 'deadlock-reachable found');
  assert.equal(f.severity, 'error');
  assert.match(
    f.message,
    new RegExp(`\\(${r.schedules} schedules searched, ${r.states} states; \\d+ schedules show it`),
  );
  assert.match(f.message, /first holds a and waits for b/);
  assert.equal(f.range.start.line, 10, 'on the lock of the first thread in the cycle');
  // Replaying the finding's choices reproduces the deadlock exactly.
  const replay = replayHook({ version: 2, choices: f.choices });
  const again = simulate(model, { seed, choose: replay.hook });
  assert.equal(replay.mismatch(), null);
  assert.equal(again.outcome, 'deadlock');
  assert.equal(again.diagnostics.find((d) => d.code === 'deadlock')?.time, f.time);
});

test('a deadlock the default schedule already shows is not reported again as reachable', () => {
  const r = explore(modelOf(RACE.replace('compute 0..4', 'compute 0')));
  assert.equal(r.baseline, 'deadlock');
  assert.equal(
    r.findings.some((f) => f.code === 'deadlock-reachable'),
    false,
  );
});

test('a scenario without choices has one schedule and no finding', () => {
  const r = explore(modelOf('process p { model one_to_one thread t { compute 3 } }'));
  assert.deepEqual(
    { schedules: r.schedules, complete: r.complete, findings: r.findings.length },
    { schedules: 1, complete: true, findings: 0 },
  );
});

test('the schedule limit and the stop callback end the search, marked incomplete', () => {
  const model = modelOf(RACE);
  const limited = explore(model, { maxSchedules: 2, all: true });
  assert.equal(limited.schedules, 2);
  assert.equal(limited.complete, false);
  assert.equal(limited.stoppedBy, 'schedules');
  let polls = 0;
  const stopped = explore(model, { all: true, shouldStop: () => ++polls > 0 });
  assert.equal(stopped.complete, false);
  assert.equal(stopped.stoppedBy, 'time');
  assert.ok(stopped.schedules <= 1);
});

test('threadscape explore prints the finding compiler style and exits 1; --json has docs/reference/cli.md’s fields', () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-explore-'));
  const file = join(dir, 'race.threads');
  writeFileSync(file, RACE.replace('cpus 2', `cpus 2\n  seed ${safeSeed()}`));
  const text = spawnSync(process.execPath, [cli, 'explore', file], { encoding: 'utf8' });
  assert.equal(text.status, 1, text.stderr);
  assert.match(
    text.stdout,
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:12:5: error deadlock-reachable: `, 'm'),
  );
  const run = spawnSync(process.execPath, [cli, 'explore', file, '--json', '--all', '--max-schedules', '3'], {
    encoding: 'utf8',
  });
  assert.equal(run.stderr, '');
  const json = JSON.parse(run.stdout);
  for (const k of ['schedules', 'states', 'transitions', 'complete', 'reductions', 'findings', 'bytesPerState']) {
    assert.ok(k in json, `--json has ${k}`);
  }
  assert.equal(json.schedules, 3);
  assert.equal(json.complete, false);
  assert.equal(json.stoppedBy, 'schedules');
  assert.ok(Array.isArray(json.reductions) && json.reductions.length > 0);
});

test("threadscape run --replay follows a finding's choices; a bad choices file is a usage error", () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-replay-'));
  const file = join(dir, 'race.threads');
  writeFileSync(file, RACE.replace('cpus 2', `cpus 2\n  seed ${safeSeed()}`));
  const plain = spawnSync(process.execPath, [cli, 'run', file, '--json'], { encoding: 'utf8' });
  assert.equal(JSON.parse(plain.stdout).outcome, 'completed');
  const found = JSON.parse(spawnSync(process.execPath, [cli, 'explore', file, '--json'], { encoding: 'utf8' }).stdout);
  const choices = join(dir, 'choices.json');
  writeFileSync(choices, JSON.stringify({ version: 2, choices: found.findings[0].choices }));
  const replayed = spawnSync(process.execPath, [cli, 'run', file, '--json', '--replay', choices], { encoding: 'utf8' });
  assert.equal(replayed.status, 1);
  assert.equal(replayed.stderr, '');
  assert.equal(JSON.parse(replayed.stdout).outcome, 'deadlock');
  writeFileSync(choices, '{"version": 2, "choices": [{"t": 0, "kind": "dice", "pick": 0}]}');
  const bad = spawnSync(process.execPath, [cli, 'run', file, '--replay', choices], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^threadscape: .*choices\.json: choice 1 must be/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

test('the proof names only what was searched: a default run with an inversion gets no proof of "no inversion"', () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const root = resolve(__dirname, '../../..');
  const inverted = spawnSync(process.execPath, [cli, 'explore', join(root, 'samples/priority-inversion.threads')], {
    encoding: 'utf8',
  });
  assert.equal(inverted.status, 0, inverted.stderr);
  assert.doesNotMatch(inverted.stdout, /^proof:/m);
  assert.match(inverted.stdout, /^every schedule searched: nothing beyond what the default schedule shows$/m);
  const clean = spawnSync(process.execPath, [cli, 'explore', join(root, 'samples/sigwaiting.threads')], {
    encoding: 'utf8',
  });
  assert.match(clean.stdout, /^proof: no deadlock, hang or unbounded inversion in any schedule$/m);
});

test('explore exits 1 for an error of any tier, as check and run do: the analysis, the default run, a finding', () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const root = resolve(__dirname, '../../..');
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-explore-status-'));
  const explore = (file: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, 'explore', file, ...args], { encoding: 'utf8' });

  // The default schedule deadlocks: nothing more is reachable, but the file has an error.
  const dining = explore(join(root, 'samples/dining-philosophers.threads'));
  assert.equal(dining.status, 1, dining.stdout);
  assert.match(dining.stdout, /default outcome: deadlock/);
  const json = JSON.parse(explore(join(root, 'samples/dining-philosophers.threads'), '--json').stdout);
  assert.deepEqual(json.baselineErrors, ['deadlock']);
  assert.ok(json.diagnostics.some((d: { code: string }) => d.code === 'lock-order-cycle'));

  // An error of the static analysis is printed, and decides the status.
  const unlock = join(dir, 'unlock.threads');
  writeFileSync(unlock, 'process p {\n  model one_to_one\n  mutex m\n  thread a { compute 1 unlock m }\n}\n');
  const analysed = explore(unlock);
  assert.equal(analysed.status, 1);
  assert.match(analysed.stdout, /^.*unlock\.threads:4:24: error unlock-not-held: /m);

  // Text errors: nothing explored, every field of the JSON there, the diagnostics as run --json gives them.
  const broken = join(dir, 'broken.threads');
  writeFileSync(broken, 'process {\n');
  const none = explore(broken, '--json');
  assert.equal(none.status, 1);
  const nothing = JSON.parse(none.stdout);
  assert.deepEqual(Object.keys(nothing), [...Object.keys(json)]);
  assert.equal(nothing.states, 0);
  assert.equal(nothing.baseline, null);
  assert.deepEqual(nothing.diagnostics[0].code, 'syntax');
  assert.ok(!('data' in nothing.diagnostics[0]));

  // A clean file: its proof, exit 0.
  const clean = explore(join(root, 'samples/sigwaiting.threads'));
  assert.equal(clean.status, 0, clean.stdout);

  // A fault seen mid-run stops the search at its counterexample, which counts as a schedule.
  const fault = join(dir, 'fault.threads');
  writeFileSync(
    fault,
    'scenario "x" { horizon 10 }\nprocess p {\n  thread t stack 4k { compute 5..15 stack_use 8k }\n}\n',
  );
  const found = explore(fault);
  assert.equal(found.status, 1);
  assert.match(found.stdout, /^1 state, \d+ transitions, 1 schedule \(incomplete: it stopped at the first finding/m);
  assert.match(found.stdout, /error fault-reachable: .*\(1 schedule searched, 1 state; first counterexample: /);
});
