/** The simulator's entry points. */
import type { Model } from '../language/model';
import type { Simulation, SimulationOptions } from './api';
import type { RunResult } from './trace';

export type * from './api';
export type * from './trace';

/** Creates a resumable simulation of the model. */
export function createSimulation(_model: Model, _options: SimulationOptions = {}): Simulation {
  throw new Error('the simulator is not available yet');
}

/** Runs the model to its end and returns the result. */
export function simulate(model: Model, options: SimulationOptions = {}): RunResult {
  const sim = createSimulation(model, options);
  sim.step();
  return sim.result();
}
