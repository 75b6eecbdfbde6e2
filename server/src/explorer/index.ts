/**
 * The explorer: searches the schedules a scenario allows (LANGUAGE.md §7) for deadlocks,
 * hangs and priority inversions that the default schedule does not show, and gives for each
 * finding the choices that reproduce it (`threadscape run --replay`).
 *
 * Pure: the host bounds the search by a schedule count and by `shouldStop` (its clock).
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../language/diagnostic';
import type { Model, SourceRange } from '../language/model';
import { createSimulation } from '../simulator';
import type { SimulationOptions } from '../simulator/api';
import type { RunResult } from '../simulator/trace';
import { ScheduleTree, type ChoiceRecord } from './search';

export type { ChoiceRecord } from './search';

export interface ExploreOptions {
  /** Seed, horizon and event budget of every run (the explorer sets the choice hook). */
  simulation?: Omit<SimulationOptions, 'choose' | 'record'>;
  /** Complete schedules to examine at most (default 1000). */
  maxSchedules?: number;
  /** Polled between events; true ends the search (the host's time limit). */
  shouldStop?: () => boolean;
  /** Called after each schedule (progress). */
  onSchedule?: (schedules: number, findings: number) => void;
}

export type FindingCode = 'deadlock-reachable' | 'hang-reachable' | 'inversion-reachable';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Every decision of the first counterexample, for `run --replay`. */
  choices: ChoiceRecord[];
  range: SourceRange;
  time: number | null;
  /** Schedules (of those searched) that show it. */
  occurrences: number;
}

export interface ExploreResult {
  /** Complete schedules examined. */
  schedules: number;
  /** Distinct choice points visited (nodes of the schedule tree). */
  states: number;
  /** False when a limit stopped the search or wide ranges were sampled. */
  complete: boolean;
  findings: Finding[];
  /** The default schedule's outcome. */
  baseline: RunResult['outcome'];
}

const WATCHED: { code: FindingCode; from: DiagnosticCode; severity: Severity; what: string }[] = [
  { code: 'deadlock-reachable', from: 'deadlock', severity: 'error', what: 'deadlock' },
  { code: 'hang-reachable', from: 'hang', severity: 'error', what: 'hang' },
  { code: 'inversion-reachable', from: 'priority-inversion', severity: 'warning', what: 'priority inversion' },
];

interface Pending {
  first: Diagnostic;
  choices: ChoiceRecord[];
  departures: string[];
  occurrences: number;
}

/** Searches the schedules of `model`. */
export function explore(model: Model, options: ExploreOptions = {}): ExploreResult {
  const maxSchedules = options.maxSchedules ?? 1000;
  const shouldStop = options.shouldStop ?? (() => false);
  const tree = new ScheduleTree();
  const pending = new Map<FindingCode, Pending>();
  let baseline: Set<string> | null = null;
  let baselineOutcome: RunResult['outcome'] = 'completed';
  let schedules = 0;
  let stopped = false;

  while (schedules < maxSchedules) {
    const sim = createSimulation(model, tree.optionsFor({ ...options.simulation }));
    sim.step({ shouldStop });
    if (!sim.done) {
      stopped = true;
      break;
    }
    schedules++;
    const result = sim.result();
    const codes = new Set(result.diagnostics.map((d) => d.code));
    if (baseline === null) {
      baseline = codes;
      baselineOutcome = result.outcome;
    } else {
      for (const w of WATCHED) {
        if (baseline.has(w.from) || !codes.has(w.from)) continue;
        const seen = pending.get(w.code);
        if (seen) seen.occurrences++;
        else {
          const first = result.diagnostics.find((d) => d.code === w.from) as Diagnostic;
          pending.set(w.code, {
            first,
            choices: [...tree.choices()],
            departures: [...tree.departures()],
            occurrences: 1,
          });
        }
      }
    }
    options.onSchedule?.(schedules, pending.size);
    if (!tree.advance()) break;
    if (shouldStop()) {
      stopped = true;
      break;
    }
  }

  const complete = tree.exhausted && !stopped && !tree.sampled;
  const findings: Finding[] = [];
  for (const w of WATCHED) {
    const p = pending.get(w.code);
    if (!p) continue;
    const how = p.departures.length ? p.departures.join('; ') : 'the default choices';
    findings.push({
      code: w.code,
      severity: w.severity,
      message:
        `${w.what} reachable: ${p.occurrences} of ${schedules} schedules searched show it, the default one does not; ` +
        `first counterexample (${how}): ${p.first.message}`,
      choices: p.choices,
      range: p.first.range,
      time: p.first.time,
      occurrences: p.occurrences,
    });
  }
  return { schedules, states: tree.nodes, complete, findings, baseline: baselineOutcome };
}

/** A finding as a core diagnostic (for `check`-style output and the language server). */
export function findingToDiagnostic(f: Finding): Diagnostic {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    time: f.time,
    relatedInformation: [],
  };
}
