/**
 * Exercises: for every topic and 50 seeds, the file compiles with no error, its answers equal
 * those of a fresh run of its text, and one seed always gives the same bytes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../../src/language';
import {
  answerExercise,
  exerciseText,
  generateExercise,
  observe,
  TOPICS,
  answerQuery,
  type Exercise,
} from '../../src/teaching';

const SEEDS = Array.from({ length: 50 }, (_, k) => k + 1);

function errorsOf(text: string): string[] {
  return compile(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe('exercises, every topic × 50 seeds', () => {
  for (const topic of TOPICS) {
    test(topic, () => {
      const texts = new Set<string>();
      for (const seed of SEEDS) {
        const ex = generateExercise(topic, seed);
        const where = `${topic} seed ${seed}`;
        assert.deepEqual(errorsOf(ex.text), [], where);
        assert.match(ex.text, /^\/\/ Exercise: /, `${where}: the file opens with a comment`);
        assert.ok(ex.questions.length >= 4, `${where}: asks at least four questions`);
        // Answers from a fresh compilation and run of the file as printed, answers included.
        const answers = answerExercise(ex);
        const withAnswers = exerciseText(ex, answers);
        assert.deepEqual(errorsOf(withAnswers), [], `${where} with answers`);
        const fresh = observe(withAnswers);
        assert.deepEqual(
          ex.questions.map((q) => answerQuery(q.query, fresh)),
          answers,
          where,
        );
        for (const [k, a] of answers.entries())
          assert.ok(withAnswers.includes(`// ${k + 1}. ${a.text.split(' ')[0]}`), `${where}: answer ${k + 1} printed`);
        // Same seed, same bytes.
        const again = generateExercise(topic, seed);
        assert.equal(again.text, ex.text, where);
        assert.equal(exerciseText(again, answerExercise(again)), withAnswers, where);
        texts.add(ex.text);
      }
      assert.ok(texts.size >= 45, `${topic}: 50 seeds give ${texts.size} different exercises`);
    });
  }
});

describe('what the exercises ask', () => {
  function kinds(ex: Exercise): string[] {
    return ex.questions.map((q) => q.query.kind);
  }

  test('each topic asks what a teacher asks about it', () => {
    const expect: Record<string, string[]> = {
      fifo: ['completion-order', 'metric', 'average', 'running-at'],
      sjf: ['completion-order', 'metric', 'average', 'running-at'],
      rr: ['completion-order', 'metric', 'average', 'running-at'],
      priority: ['completion-order', 'running-at', 'count-events'],
      sigwaiting: ['first-event', 'lwp-of', 'counter'],
      concurrency: ['lwps-at', 'lwp-of', 'counter'],
      inversion: ['acquired', 'inversion-ticks', 'running-at'],
      deadlock: ['deadlock', 'diagnostic', 'mutex-wait', 'outcome'],
      adaptive: ['metric', 'mutex-wait', 'state-at'],
    };
    for (const topic of TOPICS)
      for (const kind of expect[topic])
        assert.ok(kinds(generateExercise(topic, 1)).includes(kind), `${topic} asks ${kind}`);
  });

  test('over 50 seeds the outcomes vary: deadlocks and clean runs, inversions and none, spinning and sleeping', () => {
    const seen = (topic: (typeof TOPICS)[number], k: number) =>
      new Set(
        SEEDS.map((s) => {
          const ex = generateExercise(topic, s);
          return JSON.stringify(answerExercise(ex)[k].value);
        }),
      );
    const deadlocks = [...seen('deadlock', 0)];
    assert.ok(deadlocks.some((v) => v.includes('"deadlock":true')) && deadlocks.includes('{"deadlock":false}'));
    const inversions = [...seen('inversion', 4)];
    assert.ok(inversions.includes('0') && inversions.some((v) => v !== '0'), 'inversion ticks: none and some');
    const spins = [...seen('adaptive', 0)];
    const sleeps = [...seen('adaptive', 1)];
    assert.ok(spins.some((v) => v !== '{"waiter":0}') && sleeps.some((v) => v !== '{"waiter":0}'));
    const upcalls = [...seen('sigwaiting', 1)];
    assert.ok(upcalls.includes('0') && upcalls.includes('1') && upcalls.includes('2'), 'zero, one and two upcalls');
  });
});
