/** The server's settings (`threadscape.simulation.*`, `threadscape.exploration.*`), with their defaults and bounds. */

export interface ServerSettings {
  /** Run the simulation tier at all. */
  simulate: boolean;
  /** Quiet time after the last edit before simulating, in ms (0–250). */
  delay: number;
  /** Wall-clock limit of one background simulation, in ms. */
  timeLimit: number;
  /** Wall-clock length of one slice of simulation between two turns of the event loop, in ms. */
  sliceTime: number;
  /** Run the exploration tier at all. */
  explore: boolean;
  /** Wall-clock limit of one background exploration, in ms (its worker is stopped a grace period later). */
  exploreTimeLimit: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  simulate: true,
  delay: 250,
  timeLimit: 2000,
  sliceTime: 8,
  explore: true,
  exploreTimeLimit: 2000,
};

/** The upper bound of the debounce: edits are simulated at most this long after they settle. */
export const MAX_DELAY = 250;

function num(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
}

const section = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;

/**
 * Reads settings from an untrusted object: the `simulation` section of `threadscape.*`
 * (`{ enabled, delay, timeLimit }`) or the same keys at the top level, and the `exploration`
 * section (`{ enabled, timeLimit }`), as `threadscape.*` or `initializationOptions` give them.
 * Anything missing or malformed keeps its current value.
 */
export function parseSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const sim = section(r.simulation) ?? r;
  const exp = section(r.exploration) ?? {};
  return {
    simulate: typeof sim.enabled === 'boolean' ? sim.enabled : base.simulate,
    delay: num(sim.delay, 0, MAX_DELAY, base.delay),
    timeLimit: num(sim.timeLimit, 10, 600_000, base.timeLimit),
    sliceTime: num(sim.sliceTime, 1, 100, base.sliceTime),
    explore: typeof exp.enabled === 'boolean' ? exp.enabled : base.explore,
    exploreTimeLimit: num(exp.timeLimit, 10, 600_000, base.exploreTimeLimit),
  };
}
