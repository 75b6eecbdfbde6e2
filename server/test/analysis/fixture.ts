/**
 * Analysis of a scenario text with inline range markers (`⟦…⟧`, see marked.ts), through the
 * language front end: the fixture must compile without error.
 */
import assert from 'node:assert/strict';
import { analyse } from '../../src/analysis';
import { compile } from '../../src/language';
import type { Diagnostic } from '../../src/language/diagnostic';
import type { Model, SourceRange } from '../../src/language/model';
import { marked } from '../support/markers';

export interface Analysed {
  /** The analysis's diagnostics (only `codes` when given). */
  diags: Diagnostic[];
  /** The marked ranges, in order of appearance. */
  ranges: SourceRange[];
  model: Model;
}

/** Compiles and analyses `source`; keeps the diagnostics of `codes` when given. */
export function analysed(source: string, codes?: string[]): Analysed {
  const { text, ranges } = marked(source);
  const c = compile(text);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.range.start.line + 1}: ${d.message}`),
    [],
    'the fixture compiles',
  );
  assert.ok(c.model);
  const diags = analyse(c.model).filter((d) => !codes || codes.includes(d.code));
  return { diags, ranges, model: c.model };
}
