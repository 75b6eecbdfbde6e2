/**
 * The limits of docs/reference/language.md §2. With the event budget they bound every compile, analysis and
 * run; the checker reports each crossing as an `invalid-value` error at the number, so a
 * scenario over a limit is never expanded, analysed or simulated.
 */
export const LIMITS = {
  /** Elements of one mutex, condvar, semaphore or thread array. */
  arrayLength: 10_000,
  /** Threads of a whole scenario, after arrays are expanded. */
  threads: 10_000,
  /** `lwps`, `concurrency` and `set_concurrency`. */
  poolLwps: 1_024,
  /** `cpus` (at least 1). */
  cpus: 256,
  /** LWPs of a whole scenario: initial pools, concurrency, and bound or one_to_one threads. */
  scenarioLwps: 10_000,
  /** Mutexes, condition variables and semaphores of a whole scenario, after expansion. */
  syncObjects: 100_000,
} as const;

/** How messages name the limit of one array. */
export const ARRAY_LIMIT = `${groupDigits(LIMITS.arrayLength)} elements per array`;
/** How messages name the limit of `lwps`, `concurrency` and `set_concurrency`. */
export const POOL_LIMIT = `${groupDigits(LIMITS.poolLwps)} LWPs`;

/** `10000` as `10,000`: how messages write limits and counts. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
