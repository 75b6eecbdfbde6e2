/**
 * The kinds and phases of the engine's timed events (a leaf: the modules that schedule events
 * and the one that handles them both read it).
 */

/** Timed event kinds. */
export const EV = {
  slice: 0,
  io: 1,
  sleep: 2,
  switchEnd: 3,
  spinQuantum: 4,
  kernelIpi: 6,
  libraryIpi: 7,
  create: 8,
  lwpReady: 9,
  reap: 10,
  age: 11,
} as const;

/** Phases of an instant (docs/reference/language.md §5.5): the heap processes them in this order. */
export const PHASE = {
  /** Ends of compute slices, io, sleep, switch overhead, spawn costs. */
  completion: 0,
  /** Arriving signals and interrupts. */
  signal: 1,
  /** Creations (`at`, LWPs ready after `cost lwp_create`). */
  creation: 2,
  /** The reaper and LWP aging: never keep a run alive. */
  housekeeping: 3,
} as const;
