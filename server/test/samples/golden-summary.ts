/**
 * What a golden file pins about one sample's run: the outcome, the end time, each thread's
 * finish and state and times, the CPU figures, the counters, and the simulation's diagnostics
 * (code, severity, line, time). Messages are left out so that rewording one does not break
 * every golden; the static analysis's diagnostics are left out because they belong to the
 * analysis tests.
 */
import type { Counters, Outcome, RunResult, ThreadMetrics } from '../../src/simulator';

export type GoldenThread = Pick<
  ThreadMetrics,
  'process' | 'arrival' | 'firstRun' | 'finish' | 'cpuTime' | 'readyTime' | 'blockedTime' | 'spinTime' | 'state'
>;

export interface GoldenDiagnostic {
  code: string;
  severity: string;
  /** 1-based, as `threadscape check` prints it. */
  line: number;
  time: number | null;
}

export interface GoldenSummary {
  sample: string;
  outcome: Outcome;
  endTime: number;
  /** Keyed by "process/thread" so that two processes may share a thread name. */
  threads: Record<string, GoldenThread>;
  cpus: { id: number; busy: number; overhead: number; idle: number }[];
  counters: Counters;
  diagnostics: GoldenDiagnostic[];
}

/** The pinned part of a run's result. */
export function summarise(sample: string, result: RunResult): GoldenSummary {
  const threads: Record<string, GoldenThread> = {};
  for (const t of result.threads) {
    threads[`${t.process}/${t.name}`] = {
      process: t.process,
      arrival: t.arrival,
      firstRun: t.firstRun,
      finish: t.finish,
      cpuTime: t.cpuTime,
      readyTime: t.readyTime,
      blockedTime: t.blockedTime,
      spinTime: t.spinTime,
      state: t.state,
    };
  }
  return {
    sample,
    outcome: result.outcome,
    endTime: result.endTime,
    threads,
    cpus: result.cpus.map(({ id, busy, overhead, idle }) => ({ id, busy, overhead, idle })),
    counters: { ...result.counters },
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      line: d.range.start.line + 1,
      time: d.time,
    })),
  };
}
