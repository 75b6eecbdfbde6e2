/**
 * `threadscape exercise --topic T [--seed S] [--answers]`: a generated scenario and its
 * questions on stdout, a valid `.threads` file (the questions are its opening comment); with
 * --answers the answers follow as a closing comment, computed by the simulator. `--json` for scripts.
 */
import { answerExercise, exerciseText, generateExercise, isTopic, TOPICS } from '../teaching';
import { UsageError } from './options';

export interface ExerciseCommandOptions {
  json: boolean;
  topic?: string;
  seed?: number;
  answers: boolean;
}

export async function exerciseCommand(opts: ExerciseCommandOptions): Promise<number> {
  if (opts.topic === undefined || !isTopic(opts.topic)) {
    const what = opts.topic === undefined ? 'exercise needs --topic' : `unknown topic '${opts.topic}'`;
    throw new UsageError(`${what}; valid topics: ${TOPICS.join(', ')}`);
  }
  const ex = generateExercise(opts.topic, opts.seed ?? 1);
  const answers = opts.answers ? answerExercise(ex) : undefined;
  if (opts.json) {
    const out = {
      topic: ex.topic,
      seed: ex.seed,
      title: ex.title,
      scenario: ex.text,
      questions: ex.questions,
      answers: answers ? answers.map((a, k) => ({ number: k + 1, value: a.value, text: a.text })) : null,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(exerciseText(ex, answers));
  }
  return 0;
}
