/** `threadscape exercise`: the file on stdout, byte-identical for one seed, --json, usage errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../../src/language';
import { answerExercise, generateExercise } from '../../src/teaching';
import { scenarioFile, threadscape } from './cli';

const TOPIC_LIST = 'fifo, sjf, rr, priority, sigwaiting, concurrency, inversion, deadlock, adaptive';

describe('threadscape exercise', () => {
  test('the same seed gives the same bytes, in two processes; another seed another exercise', () => {
    for (const args of [
      ['--topic', 'rr', '--seed', '7'],
      ['--topic', 'sigwaiting', '--seed', '7', '--answers'],
      ['--topic', 'deadlock', '--seed', '3', '--answers', '--json'],
    ]) {
      const a = threadscape('exercise', ...args);
      const b = threadscape('exercise', ...args);
      assert.equal(a.code, 0, a.err);
      assert.equal(a.err, '');
      assert.equal(a.out, b.out, args.join(' '));
    }
    assert.notEqual(
      threadscape('exercise', '--topic', 'rr', '--seed', '8').out,
      threadscape('exercise', '--topic', 'rr', '--seed', '7').out,
    );
  });

  test('stdout is a .threads file: questions first, answers only with --answers, and it runs', () => {
    const plain = threadscape('exercise', '--topic', 'fifo', '--seed', '2');
    const full = threadscape('exercise', '--topic', 'fifo', '--seed', '2', '--answers');
    assert.ok(full.out.startsWith(plain.out), 'the answers are appended, nothing else changes');
    assert.doesNotMatch(plain.out, /Answers/);
    assert.match(full.out, /\n\/\/ Answers \(computed by the simulator from a run of this file\):\n\/\/ 1\. /);
    assert.deepEqual(
      compile(full.out).diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const f = scenarioFile('fifo-2.threads', full.out);
    const run = threadscape('run', f, '--json');
    assert.equal(run.code, 0, run.err);
    const finishes = (JSON.parse(run.out) as { threads: { name: string; finish: number }[] }).threads
      .map((t) => `${t.name} ${t.finish}`)
      .join(', ');
    assert.ok(full.out.includes(`// 2. ${finishes}\n`), `the finish times of threadscape run (${finishes})`);
  });

  test('--json: topic, seed, the file, the questions as data, and the answers with --answers', () => {
    const r = threadscape('exercise', '--topic', 'inversion', '--seed', '4', '--json', '--answers');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['topic', 'seed', 'title', 'scenario', 'questions', 'answers']);
    const ex = generateExercise('inversion', 4);
    assert.equal(j.scenario, ex.text);
    assert.deepEqual(j.questions, JSON.parse(JSON.stringify(ex.questions)));
    assert.deepEqual(
      j.answers.map((a: { value: unknown }) => a.value),
      JSON.parse(JSON.stringify(answerExercise(ex).map((a) => a.value))),
    );
    const hidden = JSON.parse(threadscape('exercise', '--topic', 'inversion', '--seed', '4', '--json').out);
    assert.equal(hidden.answers, null);
  });

  test('the seed defaults to 1', () => {
    assert.equal(
      threadscape('exercise', '--topic', 'sjf').out,
      threadscape('exercise', '--topic', 'sjf', '--seed', '1').out,
    );
  });

  for (const [args, err] of [
    [['--topic', 'lottery'], `threadscape: unknown topic 'lottery'; valid topics: ${TOPIC_LIST}\n`],
    [[], `threadscape: exercise needs --topic; valid topics: ${TOPIC_LIST}\n`],
    [['--topic', 'rr', '--seed', 'x'], /^threadscape: [^\n]*--seed[^\n]*\n$/],
    [['--topic', 'rr', 'x.threads'], 'threadscape: exercise takes no FILE (it writes the scenario to stdout)\n'],
  ] as const) {
    test(`usage error: ${args.join(' ') || 'no --topic'}`, () => {
      const r = threadscape('exercise', ...args);
      assert.deepEqual([r.code, r.out], [2, '']);
      if (typeof err === 'string') assert.equal(r.err, err);
      else assert.match(r.err, err);
    });
  }
});
