/** The simulator's entry points. */
import type { Model } from '../language/model';
import type { Simulation, SimulationOptions } from './api';
import type { RunResult } from './trace';
import { Engine } from './engine';

export type * from './api';
export type * from './trace';

/** Creates a resumable simulation of the model. */
export function createSimulation(model: Model, options: SimulationOptions = {}): Simulation {
  return new Engine(model, options);
}

/** Runs the model to its end and returns the result. */
export function simulate(model: Model, options: SimulationOptions = {}): RunResult {
  const sim = createSimulation(model, options);
  sim.step();
  return sim.result();
}
