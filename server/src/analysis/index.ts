/** Static analyses of a Model (docs/reference/diagnostics.md, second table); the rules are in docs/analysis.md. */
import { compareDiagnostics, type Diagnostic } from '../language/diagnostic';
import type { Model, ProcessModel } from '../language/model';
import { stackFinding, unusedFindings } from './declarations';
import { toDiagnostics, type Finding } from './findings';
import type { CycleBudget } from './graph';
import { analyseHeldLocks } from './held-locks';
import { inversionContext, inversionFindings, processInversions, schedulingSignature } from './inversion';
import { lockOrderFindings, modelCycleBudget } from './lock-order';

/** The diagnostics of one process, with the model-wide cycle budget before and after it. */
interface ProcessDiagnostics {
  stepsBefore: number;
  stepsAfter: number;
  diagnostics: Diagnostic[];
  /** Its `inversion-risk` diagnostics, for the scheduling signature they were computed under. */
  inversions?: { signature: string; diagnostics: Diagnostic[] };
}

/**
 * Diagnostics by process, for a host that analyses successive versions of one text (the language
 * server): a process's findings depend on the process alone and on the cycle budget left by
 * the processes before it, so a process lowered again into the same object (an unchanged block,
 * see `IncrementalCompiler`) is not analysed again. Findings merge only at one range, and ranges
 * of two processes never meet, so each process's findings are merged on their own. Its
 * inversion risks also depend on how every thread of the scenario is scheduled
 * (`schedulingSignature`), and are kept with that signature.
 */
export type AnalysisCache = WeakMap<ProcessModel, ProcessDiagnostics>;

/**
 * Every static-analysis diagnostic of the model, sorted by position then code; diagnostics of
 * the threads of one array at one statement are merged into one naming them all. With a
 * `cache`, the same diagnostics, reusing those of processes analysed before.
 */
export function analyse(model: Model, cache?: AnalysisCache): Diagnostic[] {
  if (cache) return analyseCached(model, cache);
  const findings: Finding[] = [];
  const cycleBudget = modelCycleBudget();
  for (const proc of model.processes) findings.push(...processFindings(proc, cycleBudget));
  findings.push(...inversionFindings(model));
  return toDiagnostics(findings);
}

function analyseCached(model: Model, cache: AnalysisCache): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cycleBudget = modelCycleBudget();
  const inversion = inversionContext(model);
  const signature = schedulingSignature(model, inversion.pools);
  for (const proc of model.processes) {
    let known = cache.get(proc);
    if (known && known.stepsBefore === cycleBudget.steps) cycleBudget.steps = known.stepsAfter;
    else {
      const stepsBefore = cycleBudget.steps;
      const diagnostics = toDiagnostics(processFindings(proc, cycleBudget));
      known = { stepsBefore, stepsAfter: cycleBudget.steps, diagnostics };
      cache.set(proc, known);
    }
    for (const d of known.diagnostics) out.push(d);
    if (known.inversions?.signature !== signature) {
      known.inversions = { signature, diagnostics: toDiagnostics(processInversions(inversion, proc)) };
    }
    for (const d of known.inversions.diagnostics) out.push(d);
  }
  return out.sort(compareDiagnostics);
}

function processFindings(proc: ProcessModel, cycleBudget: CycleBudget): Finding[] {
  const findings: Finding[] = [];
  const held = analyseHeldLocks(proc, (thread, st) => {
    const f = stackFinding(proc, thread, st);
    if (f) findings.push(f);
  });
  findings.push(...held.findings);
  findings.push(...lockOrderFindings(proc, held.edges, cycleBudget));
  findings.push(...unusedFindings(proc));
  return findings;
}
