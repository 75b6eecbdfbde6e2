// The readable output of `threadscape run`: the text Gantt chart, the counters in words, and
// the playback page written with --html.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { count } from '../../src/cli/format';
import { formatSummary, gantt } from '../../src/cli/summary';
import { compile } from '../../src/language';
import { simulate } from '../../src/simulator';
import { scratch, threadscape } from './support';

function run(text: string) {
  const { model } = compile(text);
  assert.ok(model, 'the scenario runs');
  return simulate(model, { record: { events: false, spans: true } });
}

test('a column of a compressed Gantt chart is busy when the CPU was busy most of it, whoever ran', () => {
  // Three threads in turns of one tick on one CPU for 180 ticks: 60 columns of 3 ticks, each
  // shared by the three threads, none of which ran half of it.
  const result = run(`scenario "turns" { cpus 1 policy rr quantum 1 }
process p {
  model one_to_one
  thread a { compute 60 }
  thread b { compute 60 }
  thread c { compute 60 }
}`);
  assert.equal(result.endTime, 180);
  const lines = gantt(result);
  assert.equal(lines[0], 'time 0..180, one column = 3 ticks');
  const row = /^cpu0 *\|(.*)\|$/.exec(lines[1])?.[1];
  assert.ok(row, lines.join('\n'));
  assert.equal(row.length, 60);
  assert.match(row, /^[ABC]+$/, 'no column of a CPU busy all the time reads as idle');
});

test('past the recording cap a column is blank, not idle, and the legend says from when', () => {
  const { model } = compile(`process p {
  model one_to_one
  thread a { repeat 10 { compute 3 sleep 1 } }
}`);
  assert.ok(model);
  const result = simulate(model, { record: { events: false, spans: true, maxEvents: 8 } });
  assert.equal(result.recording?.complete, false);
  const until = result.recording?.until ?? 0;
  const lines = gantt(result);
  const row = /^cpu0 *\|(.*)\|$/.exec(lines[1])?.[1] ?? '';
  assert.equal(row.length, 40);
  assert.match(row.slice(0, until), /^[A.]+$/, row);
  assert.ok(row.slice(0, until).includes('A'), row);
  assert.equal(row.slice(until), ' '.repeat(40 - until), 'not recorded: blank');
  assert.match(lines[2], new RegExp(`\\(blank\\)=not recorded from t=${until}$`));
  // A complete recording has no blank and says nothing of it.
  const whole = gantt(simulate(model, { record: { events: false, spans: true } }));
  assert.doesNotMatch(whole.join('\n'), /not recorded/);
  assert.match(/^cpu0 *\|(.*)\|$/.exec(whole[1])?.[1] ?? '', /^[A.]{40}$/);
});

test('a column where the CPU was mostly idle reads as idle', () => {
  // One tick of work every 4 ticks (the rest is io), 120 ticks: 2 ticks a column, at most one busy.
  const result = run(`process p {
  model one_to_one
  thread t { repeat 30 { compute 1 io 3 } }
}`);
  const row = /^cpu0 *\|(.*)\|$/.exec(gantt(result)[1])?.[1] ?? '';
  assert.ok(row.includes('.'), row);
  assert.ok(row.includes('A'), row);
});

test('counts take the singular for one', () => {
  assert.equal(count(1, 'switch', 'switches'), '1 switch');
  assert.equal(count(0, 'switch', 'switches'), '0 switches');
  assert.equal(count(1, 'upcall'), '1 upcall');
  assert.equal(count(2, 'upcall'), '2 upcalls');
  const summary = formatSummary(
    run(`scenario "one" { cpus 1 }
process p {
  model many_to_many
  lwps 1
  thread a { io 5 compute 1 }
  thread b { compute 1 }
}`),
  );
  const counters = summary.trimEnd().split('\n').pop() ?? '';
  assert.match(counters, /\b1 upcall\b/, counters);
  assert.doesNotMatch(counters, /\b1 (switches|upcalls|IPIs|LWPs|threads)\b/, counters);
});

const { dir } = scratch('threadscape-summary-');

test('--html writes no absolute path of this machine into the page', () => {
  const input = join(dir, 'deep', '..', 'page-input.threads');
  writeFileSync(join(dir, 'page-input.threads'), 'process p {\n  thread t { compute 3 }\n}\n');
  const out = join(dir, 'page.html');
  const r = threadscape(['run', resolve(input), '--html', out]);
  assert.equal(r.code, 0, r.err);
  const page = readFileSync(out, 'utf8');
  assert.ok(page.includes('page-input.threads'), 'the page names the file');
  for (const path of [dir, process.cwd(), tmpdir()]) assert.ok(!page.includes(path), `the page mentions ${path}`);
});
