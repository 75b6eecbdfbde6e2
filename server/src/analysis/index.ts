/** Static analyses of a Model (DIAGNOSTICS.md, second table); the rules are in docs/analysis.md. */
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';
import { stackFinding, unusedFindings } from './declarations';
import { toDiagnostics, type Finding } from './findings';
import { analyseHeldLocks } from './held-locks';
import { inversionFindings } from './inversion';
import { lockOrderFindings, modelCycleBudget } from './lock-order';

/**
 * Every static-analysis diagnostic of the model, sorted by position then code; diagnostics of
 * the threads of one array at one statement are merged into one naming them all.
 */
export function analyse(model: Model): Diagnostic[] {
  const findings: Finding[] = [];
  const cycleBudget = modelCycleBudget();
  for (const proc of model.processes) {
    const held = analyseHeldLocks(proc, (thread, st) => {
      const f = stackFinding(proc, thread, st);
      if (f) findings.push(f);
    });
    findings.push(...held.findings);
    findings.push(...lockOrderFindings(proc, held.edges, cycleBudget));
    findings.push(...unusedFindings(proc));
  }
  findings.push(...inversionFindings(model));
  return toDiagnostics(findings);
}
