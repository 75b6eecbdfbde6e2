/**
 * Teaching: the same workload under several threading models, and exercises generated from a
 * seed with their answers computed by the simulator. Pure, like the rest of the core.
 */
export * from './override';
export * from './compare';
export * from './queries';
export * from './exercise';
export { TOPICS, isTopic, type Topic } from './draft';
export * from './checkpoints';
