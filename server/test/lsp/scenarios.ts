/** Scenarios of the exploration tier's tests over stdio and benchmark. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Two threads, two mutexes in opposite orders, two CPUs, a think time that varies: the default
 * run completes, some schedule deadlocks (also in the VS Code suite's workspace).
 */
export const OPPOSITE = readFileSync(join(__dirname, '../fixtures/exploration/opposite-orders.threads'), 'utf8');

/** The same threads on one LWP with nothing to preempt it: no schedule deadlocks. */
export const ONE_LWP = OPPOSITE.replace('model one_to_one', 'model many_to_many\n  concurrency 1');

/**
 * Dining philosophers with think times (`compute 1..3` before the first fork), one thread and
 * one CPU each: `ordered` has the last philosopher take fork[0] first (no deadlock in any
 * schedule), otherwise every philosopher takes its left fork first (the default run completes,
 * some schedule deadlocks).
 */
export function dining(n: number, ordered: boolean): string {
  const body = (first: string, second: string) =>
    `{ compute 1..3 lock ${first} compute 1 lock ${second} compute 1 unlock ${second} unlock ${first} }`;
  const phils = ordered
    ? [`  thread phil[${n - 1}] ${body('fork[i]', 'fork[i+1]')}`, `  thread last ${body('fork[0]', `fork[${n - 1}]`)}`]
    : [`  thread phil[${n}] ${body('fork[i]', 'fork[i+1]')}`];
  return [
    `scenario "dining ${n}${ordered ? ' ordered' : ''}" { cpus ${n} }`,
    'process table {',
    '  model one_to_one',
    `  mutex fork[${n}]`,
    ...phils,
    '}',
    '',
  ].join('\n');
}
