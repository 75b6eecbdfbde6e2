/** Every topic's generator, by topic name. */
import type { Topic, TopicGenerator } from './draft';
import { concurrency, sigwaiting } from './topics-lwps';
import { fifo, priority, rr, sjf } from './topics-scheduling';
import { adaptive, deadlock, inversion } from './topics-sync';

export const TOPIC_GENERATORS: Record<Topic, TopicGenerator> = {
  fifo,
  sjf,
  rr,
  priority,
  sigwaiting,
  concurrency,
  inversion,
  deadlock,
  adaptive,
};
