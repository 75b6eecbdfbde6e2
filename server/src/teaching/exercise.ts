/**
 * Exercises: a scenario generated from a topic and a seed, with questions whose answers the
 * simulator computes from a run of that very text (as OSTEP's simulators do with `-c`).
 * The same topic and seed give the same bytes: every draw comes from mulberry32.
 */
import { diagnose, withRun } from '../diagnose';
import { simulate } from '../simulator';
import { answerQuery, type Answer, type Query, type RunView } from './queries';
import { commentLines, Draws } from './scenario-text';
import { type Draft, type Topic } from './draft';
import { TOPIC_GENERATORS } from './topics';

export interface Question {
  /** From 1, in the order asked. */
  number: number;
  text: string;
  query: Query;
}

export interface Exercise {
  topic: Topic;
  seed: number;
  title: string;
  /** The whole `.threads` file: the opening comment (setting and questions), then the scenario. */
  text: string;
  questions: Question[];
}

/**
 * A run of a scenario text with everything an answer may read: events, spans, and the
 * diagnostics of every tier. Throws when the text does not compile (a generator's bug).
 */
export function observe(text: string): RunView {
  const diagnosis = diagnose(text);
  const model = diagnosis.compilation.model;
  if (!model) {
    const first = diagnosis.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`generated scenario does not compile: ${first?.message ?? 'no model'}`);
  }
  const result = simulate(model, { record: { events: true, spans: true } });
  return { model, result, diagnostics: withRun(diagnosis, result) };
}

function header(topic: Topic, seed: number, draft: Draft, questions: Question[]): string[] {
  const out = [`// Exercise: ${draft.title}.`, `// (threadscape exercise --topic ${topic} --seed ${seed})`, '//'];
  for (const para of draft.intro) out.push(...commentLines(para), '//');
  out.push('// Work out your answers, then check them with --answers (or run the file).');
  for (const q of questions) out.push(...commentLines(`${String(q.number).padStart(2)}. ${q.text}`, 4));
  return out;
}

/** The exercise of `topic` for `seed`. */
export function generateExercise(topic: Topic, seed: number): Exercise {
  const draws = new Draws(seed);
  const draft = TOPIC_GENERATORS[topic](draws);
  // The questions may pick instants where something happens: they see a run of the scenario.
  const asked = draft.ask(observe(draft.scenario), draws);
  const questions = asked.map((q, k) => ({ number: k + 1, text: q.text, query: q.query }));
  const text = [...header(topic, seed, draft, questions), '', draft.scenario].join('\n');
  return { topic, seed, title: draft.title, text, questions };
}

/** The answers, from a fresh run of the exercise's text, in question order. */
export function answerExercise(ex: Exercise, run: RunView = observe(ex.text)): Answer[] {
  return ex.questions.map((q) => answerQuery(q.query, run));
}

/** The exercise as a file, with the answers as a closing comment when given. */
export function exerciseText(ex: Exercise, answers?: Answer[]): string {
  if (!answers) return ex.text;
  const lines = ['', '// Answers (computed by the simulator from a run of this file):'];
  ex.questions.forEach((q, k) => lines.push(...commentLines(`${String(q.number).padStart(2)}. ${answers[k].text}`, 4)));
  return ex.text + lines.join('\n') + '\n';
}
