/** Static analyses of a Model (DIAGNOSTICS.md, second table); the rules are in docs/analysis.md. */
import type { Diagnostic } from '../language/diagnostic';
import type { Model, ProcessModel } from '../language/model';
import { stackFinding, unusedFindings } from './declarations';
import { toDiagnostics, type Finding } from './findings';
import type { CycleBudget } from './graph';
import { analyseHeldLocks } from './held-locks';
import { inversionFindings } from './inversion';
import { lockOrderFindings, modelCycleBudget } from './lock-order';

/** The findings of one process, with the model-wide cycle budget before and after it. */
interface ProcessFindings {
  stepsBefore: number;
  stepsAfter: number;
  findings: Finding[];
}

/**
 * Findings by process, for a host that analyses successive versions of one text (the language
 * server): a process's findings depend on the process alone and on the cycle budget left by
 * the processes before it, so a process lowered again into the same object (an unchanged block,
 * see `IncrementalCompiler`) is not analysed again. Inversion risks span processes and are
 * always computed.
 */
export type AnalysisCache = WeakMap<ProcessModel, ProcessFindings>;

/**
 * Every static-analysis diagnostic of the model, sorted by position then code; diagnostics of
 * the threads of one array at one statement are merged into one naming them all.
 */
export function analyse(model: Model, cache?: AnalysisCache): Diagnostic[] {
  const findings: Finding[] = [];
  const cycleBudget = modelCycleBudget();
  for (const proc of model.processes) {
    const known = cache?.get(proc);
    if (known && known.stepsBefore === cycleBudget.steps) {
      cycleBudget.steps = known.stepsAfter;
      for (const f of known.findings) findings.push(f);
      continue;
    }
    const stepsBefore = cycleBudget.steps;
    const mine = processFindings(proc, cycleBudget);
    cache?.set(proc, { stepsBefore, stepsAfter: cycleBudget.steps, findings: mine });
    for (const f of mine) findings.push(f);
  }
  findings.push(...inversionFindings(model));
  return toDiagnostics(findings);
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
