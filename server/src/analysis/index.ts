/** Static analyses of a Model (DIAGNOSTICS.md, second table). */
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';

/** Every static-analysis diagnostic of the model. */
export function analyse(_model: Model): Diagnostic[] {
  return [];
}
