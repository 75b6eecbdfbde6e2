/**
 * The explorer: a model checker over the schedules a scenario allows (docs/reference/language.md §7). It runs
 * the default schedule, then searches the state space (space.ts) for deadlocks, hangs,
 * unbounded inversions and faults that the default schedule does not show, and gives for each
 * finding the choices that reproduce it (`threadscape run --replay`). A complete search with no
 * finding is a proof that none of them happens in any schedule.
 *
 * Pure: the host bounds the search by its limits and by `shouldStop` (its clock).
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../language/diagnostic';
import type { Model, SourceRange } from '../language/model';
import { createSimulation } from '../simulator';
import type { SimulationOptions } from '../simulator/api';
import { plural } from '../simulator/outcome';
import type { RunResult } from '../simulator/trace';
import { replayHook } from './replay';
import { searchSpace, type Problem, type RawFinding, type SpaceOptions, type SpaceProgress } from './space';
import type { ChoiceRecord } from './unit-tree';

export type { ChoiceRecord } from './unit-tree';
export type { SpaceProgress as ExploreProgress } from './space';

/** The search's options a host sets (space-types.ts says what each does), with findings as the host sees them. */
export interface ExploreOptions extends Pick<
  SpaceOptions,
  | 'simulation'
  | 'maxSchedules'
  | 'maxBytes'
  | 'all'
  | 'untilEach'
  | 'bfs'
  | 'rangeCap'
  | 'por'
  | 'symmetry'
  | 'shouldStop'
  | 'onProgress'
> {
  /**
   * Called as soon as a problem is first found, with its first counterexample (a host publishes
   * it before the search ends; the result's finding may later be a shorter counterexample).
   */
  onFinding?: (f: Finding) => void;
}

export type FindingCode = 'deadlock-reachable' | 'hang-reachable' | 'inversion-reachable' | 'fault-reachable';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Every decision of the counterexample, for `run --replay`. */
  choices: ChoiceRecord[];
  /** Its decisions that differ from the default rule, in words. */
  departures: string[];
  range: SourceRange;
  time: number | null;
  /** Schedules (of those searched) that show it. */
  occurrences: number;
  /** The counterexample's own diagnostic (its chain of waits in relatedInformation). */
  diagnostic: Diagnostic | null;
}

export interface ExploreResult {
  /** Complete schedules examined. */
  schedules: number;
  /** Distinct states stored (choice points, after reductions). */
  states: number;
  /** Units run to search them. */
  transitions: number;
  /** True when the whole reduced space was searched: then no finding is a proof. */
  complete: boolean;
  /** Why the search stopped early, if it did. */
  stoppedBy: 'time' | 'memory' | 'schedules' | 'finding' | null;
  findings: Finding[];
  /** The default schedule's outcome; null when the host stopped the search during that run. */
  baseline: RunResult['outcome'] | null;
  /** The codes of the default schedule's error-severity diagnostics (a deadlock, a hang, a fault), in order. */
  baselineErrors: DiagnosticCode[];
  /**
   * The problems searched for (those the default schedule does not show), in the order
   * deadlock, hang, fault, inversion: what a complete search with no finding proves absent.
   */
  searched: FindingCode[];
  /** The reductions the search used, in words. */
  reductions: string[];
  /** Memory of the visited set, and per state. */
  bytes: number;
  bytesPerState: number;
  /** The longest chain of choices searched. */
  depth: number;
}

const KINDS: { problem: Problem; code: FindingCode; diag: DiagnosticCode; severity: Severity; what: string }[] = [
  { problem: 'deadlock', code: 'deadlock-reachable', diag: 'deadlock', severity: 'error', what: 'deadlock' },
  { problem: 'hang', code: 'hang-reachable', diag: 'hang', severity: 'error', what: 'hang' },
  { problem: 'fault', code: 'fault-reachable', diag: 'stack-overflow', severity: 'error', what: 'fault' },
  {
    problem: 'inversion',
    code: 'inversion-reachable',
    diag: 'priority-inversion',
    severity: 'warning',
    what: 'unbounded priority inversion',
  },
];

/** The problems a run shows. */
function problemsOf(r: RunResult): Set<Problem> {
  const codes = new Set(r.diagnostics.map((d) => d.code));
  const out = new Set<Problem>();
  for (const k of KINDS) if (codes.has(k.diag)) out.add(k.problem);
  if (r.outcome === 'hang') out.add('hang');
  if (r.outcome === 'fault') out.add('fault');
  return out;
}

/** Searches the schedules of `model`. */
export function explore(model: Model, options: ExploreOptions = {}): ExploreResult {
  const sim = options.simulation ?? {};
  const baseRun = createSimulation(model, sim);
  if (!baseRun.step({ shouldStop: options.shouldStop })) return stoppedSearch('time');
  const base = baseRun.result();
  const shown = problemsOf(base);
  const watch = new Set(KINDS.map((k) => k.problem).filter((p) => !shown.has(p)));
  const space = searchSpace(model, {
    simulation: sim,
    watch,
    all: options.all,
    untilEach: options.untilEach,
    bfs: options.bfs,
    rangeCap: options.rangeCap,
    por: options.por,
    symmetry: options.symmetry,
    maxSchedules: options.maxSchedules,
    maxBytes: options.maxBytes,
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
    onFinding: options.onFinding && ((f, p) => options.onFinding?.(finding(model, sim, f, p))),
  });
  const findings = space.findings.map((f) => finding(model, sim, f, space));
  return {
    schedules: space.schedules,
    states: space.states,
    transitions: space.transitions,
    complete: space.complete,
    stoppedBy: space.stoppedBy,
    findings,
    baseline: base.outcome,
    baselineErrors: [...new Set(base.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))],
    searched: KINDS.filter((k) => watch.has(k.problem)).map((k) => k.code),
    reductions: space.reductions,
    bytes: space.bytes,
    bytesPerState: space.bytesPerState,
    depth: space.depth,
  };
}

/** A raw finding as a diagnostic-like finding: its counterexample replayed for its message. */
function finding(
  model: Model,
  simulation: Omit<SimulationOptions, 'choose' | 'record'>,
  f: RawFinding,
  searched: { schedules: number; states: number },
): Finding {
  const kind = KINDS.find((k) => k.problem === f.problem) ?? KINDS[0];
  const replay = replayHook({ version: 2, choices: f.choices });
  const run = createSimulation(model, { ...simulation, choose: replay.hook });
  run.step();
  const d = run.result().diagnostics.find((x) => x.code === kind.diag) ?? null;
  const how = f.departures.length > 0 ? f.departures.join('; ') : 'the default choices';
  const shown = f.occurrences > 1 ? `${f.occurrences} schedules show it; ` : '';
  // The counterexample is a schedule searched, even when the search stopped at it mid-run.
  const schedules = plural(Math.max(searched.schedules, 1), 'schedule');
  return {
    code: kind.code,
    severity: kind.severity,
    message:
      `${kind.what} reachable: some schedule reaches it, the default one does not ` +
      `(${schedules} searched, ${plural(searched.states, 'state')}; ${shown}` +
      `first counterexample: ${how})${d ? `: ${d.message}` : ''}`,
    choices: f.choices,
    departures: f.departures,
    range: d?.range ?? model.range,
    time: d?.time ?? null,
    occurrences: f.occurrences,
    diagnostic: d,
  };
}

/** A finding as a core diagnostic (for `check`-style output and the language server). */
export function findingToDiagnostic(f: Finding): Diagnostic {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    time: f.time,
    relatedInformation: f.diagnostic?.relatedInformation ?? [],
    data: { choices: f.choices },
  };
}

/**
 * A search stopped before it could report: what a host knows of it is its last progress (none
 * when the default schedule's run was cut short), and why it stopped.
 */
export function stoppedSearch(stoppedBy: 'time' | 'memory', progress: SpaceProgress | null = null): ExploreResult {
  return {
    schedules: 0,
    states: progress?.states ?? 0,
    transitions: progress?.transitions ?? 0,
    complete: false,
    stoppedBy,
    findings: [],
    baseline: null,
    baselineErrors: [],
    searched: [],
    reductions: [],
    bytes: progress?.bytes ?? 0,
    bytesPerState: 0,
    depth: progress?.depth ?? 0,
  };
}
