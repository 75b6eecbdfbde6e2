/**
 * `threadscape exercise --topic T [--seed S] [--answers]`: a generated scenario and its
 * questions on stdout, a valid `.threads` file (the questions are its opening comment); with
 * --answers the answers follow as a closing comment, computed by the simulator. `--json` for scripts.
 */
import { answerExercise, exerciseText, generateExercise, isTopic, TOPICS } from '../teaching';
import type { CommandOptions } from './args';
import { UsageError } from './errors';
import { out } from './stdout';

export async function exerciseCommand(
  opts: Pick<CommandOptions, 'json' | 'topic' | 'seed' | 'answers'>,
): Promise<number> {
  if (opts.topic === undefined || !isTopic(opts.topic)) {
    const what = opts.topic === undefined ? 'exercise needs --topic' : `unknown topic '${opts.topic}'`;
    throw new UsageError(`${what}; valid topics: ${TOPICS.join(', ')}`);
  }
  const ex = generateExercise(opts.topic, opts.seed ?? 1);
  const answers = opts.answers ? answerExercise(ex) : undefined;
  if (opts.json) {
    const json = {
      topic: ex.topic,
      seed: ex.seed,
      title: ex.title,
      scenario: ex.text,
      questions: ex.questions,
      answers: answers ? answers.map((a, k) => ({ number: k + 1, value: a.value, text: a.text })) : null,
    };
    out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    out(exerciseText(ex, answers));
  }
  return 0;
}
