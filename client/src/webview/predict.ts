/**
 * Predict, then reveal: a pure reducer over the checkpoints of a run (the teaching core's
 * `checkpoints`, their answers computed ahead from the finished run). The panel shows the run
 * up to the current checkpoint (the playback reducer's `reveal`), asks its questions, checks the
 * answers given, keeps the score, and on `next` moves to the following checkpoint. No DOM, no
 * clock: unit-tested in Node.
 */
import type { Checkpoint, CheckpointQuestion, CheckpointRule } from '../../../server/src/teaching/checkpoints';

/** How a question is answered in the panel. */
export type AnswerForm =
  /** One of these names, or "nobody" (the empty string). */
  | { kind: 'thread'; options: readonly string[] }
  /** A whole number; `never` when "never" is an answer too. */
  | { kind: 'number'; never: boolean }
  | { kind: 'yesno' }
  | { kind: 'text' };

export interface Given {
  /** As entered: a thread's name ('' for nobody), a number, 'never', 'yes' or 'no', or text. */
  value: string;
  right: boolean;
}

export interface PredictState {
  rule: CheckpointRule;
  checkpoints: readonly Checkpoint[];
  /** The checkpoint asked now; `checkpoints.length` once every one is passed (all revealed). */
  at: number;
  /** Per checkpoint reached, the answers given (empty until checked). */
  given: readonly (readonly Given[])[];
  right: number;
  asked: number;
}

export type PredictAction =
  /** A new run (or rule): its checkpoints, from the first. */
  | { type: 'start'; rule: CheckpointRule; checkpoints: readonly Checkpoint[] }
  /** The answers to the current checkpoint's questions, in order. */
  | { type: 'answer'; values: readonly string[] }
  /** On to the next checkpoint (the current one answered). */
  | { type: 'next' }
  /** Skip the rest: every checkpoint passed, the whole run shown. */
  | { type: 'finish' };

export function initialPredict(rule: CheckpointRule = { kind: 'decisions' }): PredictState {
  return { rule, checkpoints: [], at: 0, given: [], right: 0, asked: 0 };
}

/** The instant shown up to (none of its events), or null when all is revealed. */
export function revealUntil(s: PredictState): number | null {
  return s.at < s.checkpoints.length ? s.checkpoints[s.at].t : null;
}

/** True when the current checkpoint's answers were checked (the panel shows them, then `next`). */
export function answered(s: PredictState): boolean {
  return s.at < s.checkpoints.length && (s.given[s.at]?.length ?? 0) > 0;
}

function norm(v: string): string {
  return v.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The bare thread name of `process/name`. */
function bare(v: string): string {
  return v.slice(v.indexOf('/') + 1);
}

/** How the question is answered; `threads`: the names a thread question offers. */
export function answerForm(q: CheckpointQuestion, threads: readonly string[]): AnswerForm {
  switch (q.query.kind) {
    case 'next-on-cpu':
    case 'running-at':
      return { kind: 'thread', options: threads };
    case 'metric':
      return { kind: 'number', never: q.query.metric === 'finish' || q.query.metric === 'firstRun' };
    case 'lwps-at':
      return { kind: 'number', never: false };
    case 'deadlock':
      return { kind: 'yesno' };
    default:
      return { kind: 'text' };
  }
}

/** Whether `given` answers the question (compared with the answer computed from the run). */
export function isRight(q: CheckpointQuestion, given: string): boolean {
  const g = norm(given);
  const v = q.answer.value;
  switch (q.query.kind) {
    case 'next-on-cpu':
    case 'running-at':
      // Idle, or switching between threads: nobody runs.
      if (v === null || v === 'switch') return g === '';
      return typeof v === 'string' && g !== '' && norm(bare(g)) === norm(bare(v));
    case 'metric': {
      const one = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v)[0] : undefined;
      if (one === null) return g === 'never';
      return typeof one === 'number' && /^\d+$/.test(g) && Number(g) === one;
    }
    case 'lwps-at':
      return typeof v === 'number' && /^\d+$/.test(g) && Number(g) === v;
    case 'deadlock': {
      const yes = v !== null && typeof v === 'object' && !Array.isArray(v) && v.deadlock === true;
      return g === (yes ? 'yes' : 'no');
    }
    default:
      return g !== '' && g === norm(q.answer.text);
  }
}

export function reducePredict(s: PredictState, a: PredictAction): PredictState {
  switch (a.type) {
    case 'start':
      return { rule: a.rule, checkpoints: a.checkpoints, at: 0, given: [], right: 0, asked: 0 };
    case 'answer': {
      const cp = s.checkpoints[s.at];
      if (!cp || answered(s) || a.values.length !== cp.questions.length) return s;
      const given = cp.questions.map((q, k) => ({ value: a.values[k], right: isRight(q, a.values[k]) }));
      const all = [...s.given];
      all[s.at] = given;
      return {
        ...s,
        given: all,
        right: s.right + given.filter((g) => g.right).length,
        asked: s.asked + given.length,
      };
    }
    case 'next':
      return answered(s) ? { ...s, at: s.at + 1 } : s;
    case 'finish':
      return s.at >= s.checkpoints.length ? s : { ...s, at: s.checkpoints.length };
  }
}
