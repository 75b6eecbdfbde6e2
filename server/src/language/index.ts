/** The language front end: parse, check, lower. */
import type { Diagnostic } from './diagnostic';
import type { Model } from './model';

export interface Compilation {
  /** Syntax and checker diagnostics, sorted. */
  diagnostics: Diagnostic[];
  /** The lowered model, or null when any error-severity diagnostic exists. */
  model: Model | null;
}

/** Parses, checks and lowers a scenario. */
export function compile(_text: string): Compilation {
  throw new Error('the language front end is not available yet');
}
