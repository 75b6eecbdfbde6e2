/**
 * What a topic's generator produces before the exercise is assembled: the scenario, the words
 * that set it up, and the questions, which may look at a run of the scenario to pick instants
 * where something happens (never to write an answer: answers come from `answerQuery`).
 */
import type { Query, RunView } from './queries';
import type { Draws } from './scenario-text';

export const TOPICS = [
  'fifo',
  'sjf',
  'rr',
  'priority',
  'sigwaiting',
  'concurrency',
  'inversion',
  'deadlock',
  'adaptive',
] as const;
export type Topic = (typeof TOPICS)[number];

export function isTopic(s: string): s is Topic {
  return (TOPICS as readonly string[]).includes(s);
}

export interface AskedQuestion {
  text: string;
  query: Query;
}

export interface Draft {
  /** A short title, also the scenario's title. */
  title: string;
  /** Paragraphs of the opening comment that set the exercise up. */
  intro: string[];
  /** The scenario, without comments. */
  scenario: string;
  /** The questions, given a run of the scenario and the generator's remaining draws. */
  ask(run: RunView, draws: Draws): AskedQuestion[];
}

/** Builds a topic's draft from seeded draws. */
export type TopicGenerator = (draws: Draws) => Draft;
