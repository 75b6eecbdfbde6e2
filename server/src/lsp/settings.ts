/** The server's settings (`threadscape.simulation.*`), with their defaults and bounds. */

export interface ServerSettings {
  /** Run the simulation tier at all. */
  simulate: boolean;
  /** Quiet time after the last edit before simulating, in ms (0–250). */
  delay: number;
  /** Wall-clock limit of one background simulation, in ms. */
  timeLimit: number;
  /** Wall-clock length of one slice of simulation between two turns of the event loop, in ms. */
  sliceTime: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  simulate: true,
  delay: 250,
  timeLimit: 2000,
  sliceTime: 8,
};

/** The upper bound of the debounce: edits are simulated at most this long after they settle. */
export const MAX_DELAY = 250;

function num(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
}

/**
 * Reads settings from an untrusted object: the `simulation` section of `threadscape.*`
 * (`{ enabled, delay, timeLimit }`) or the same keys in `initializationOptions`. Anything
 * missing or malformed keeps its current value.
 */
export function parseSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const sim = typeof r.simulation === 'object' && r.simulation !== null ? (r.simulation as Record<string, unknown>) : r;
  return {
    simulate: typeof sim.enabled === 'boolean' ? sim.enabled : base.simulate,
    delay: num(sim.delay, 0, MAX_DELAY, base.delay),
    timeLimit: num(sim.timeLimit, 10, 600_000, base.timeLimit),
    sliceTime: num(sim.sliceTime, 1, 100, base.sliceTime),
  };
}
