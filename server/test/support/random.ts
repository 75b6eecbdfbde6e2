import { Mulberry32 } from '../../src/simulator/rng';

/** A seeded source of draws in [0, 1) for fuzz tests (the simulator's mulberry32), so a failure replays. */
export function seeded(seed: number): () => number {
  const g = new Mulberry32(seed);
  return () => g.next();
}
