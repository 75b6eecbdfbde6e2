import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@server/language';
import { simulate } from '@server/simulator';
import { checkpoints, type CheckpointQuestion } from '@server/teaching/checkpoints';
import { answered, answerForm, initialPredict, isRight, reducePredict, revealUntil } from '../../src/webview/predict';

function run(name: string) {
  const c = compile(readFileSync(join(__dirname, '../../../samples', name), 'utf8'));
  assert.ok(c.model);
  const result = simulate(c.model, { record: { events: true, spans: true } });
  return { model: c.model, result, diagnostics: [...c.diagnostics, ...result.diagnostics] };
}

/** The answer a player who knows it gives. */
function knowing(q: CheckpointQuestion): string {
  const v = q.answer.value;
  switch (q.query.kind) {
    case 'next-on-cpu':
    case 'running-at':
      return typeof v === 'string' && v !== 'switch' ? v : '';
    case 'metric': {
      const one = Object.values(v as Record<string, number | null>)[0];
      return one === null ? 'never' : String(one);
    }
    case 'deadlock':
      return (v as { deadlock: boolean }).deadlock ? 'yes' : 'no';
    default:
      return String(v);
  }
}

test('predict: each checkpoint reveals the run up to it; answers are checked, scored, then the next comes', () => {
  const view = run('dining-philosophers.threads');
  const cps = checkpoints(view, { kind: 'decisions' });
  assert.ok(cps.length >= 2);
  let s = reducePredict(initialPredict(), { type: 'start', rule: { kind: 'decisions' }, checkpoints: cps });
  assert.equal(revealUntil(s), cps[0].t);
  assert.equal(reducePredict(s, { type: 'next' }), s, 'no moving on before answering');
  assert.equal(reducePredict(s, { type: 'answer', values: ['x'] }), s, 'one answer per question');
  s = reducePredict(s, { type: 'answer', values: cps[0].questions.map(knowing) });
  assert.ok(answered(s));
  assert.deepEqual([s.right, s.asked], [cps[0].questions.length, cps[0].questions.length]);
  assert.equal(reducePredict(s, { type: 'answer', values: cps[0].questions.map(knowing) }), s, 'answered once');
  s = reducePredict(s, { type: 'next' });
  assert.equal(revealUntil(s), cps[1].t);
  s = reducePredict(s, { type: 'answer', values: cps[1].questions.map(() => 'nonsense') });
  assert.equal(s.right, cps[0].questions.length, 'wrong answers score nothing');
  assert.equal(s.asked, cps[0].questions.length + cps[1].questions.length);
  s = reducePredict(s, { type: 'finish' });
  assert.equal(revealUntil(s), null, 'all revealed');
});

test('predict: every generated question is answered right by its own answer, and wrong otherwise', () => {
  for (const name of [
    'dining-philosophers.threads',
    'sigwaiting.threads',
    'priority-inversion.threads',
    'three-models.threads',
  ]) {
    const view = run(name);
    for (const rule of [{ kind: 'decisions' as const }, { kind: 'every' as const, ticks: 3 }]) {
      for (const cp of checkpoints(view, rule, 20)) {
        for (const q of cp.questions) {
          assert.ok(isRight(q, knowing(q)), `${name} t=${cp.t}: ${q.text} → ${q.answer.text}`);
          assert.equal(isRight(q, 'certainly not'), false);
          const form = answerForm(q, ['a', 'b']);
          assert.notEqual(form.kind, 'text', `${q.query.kind} has a form of its own`);
        }
      }
    }
  }
});

test('predict: a thread may be named with its process; "nobody" answers an idle CPU', () => {
  const q = (value: string | null): CheckpointQuestion => ({
    text: 'Which thread does CPU 0 run next?',
    query: { kind: 'next-on-cpu', cpu: 0, t: 3 },
    answer: { value, text: '' },
  });
  assert.ok(isRight(q('worker'), 'app/worker'));
  assert.ok(isRight(q('worker'), ' Worker '));
  assert.equal(isRight(q('worker'), ''), false);
  assert.ok(isRight(q(null), ''));
  assert.equal(isRight(q(null), 'worker'), false);
});
