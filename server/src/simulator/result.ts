/** Builds the RunResult (docs/reference/cli.md `run --json`) from the engine's state. */
import type { World } from './world';
import type { RunResult, ThreadMetrics, Topology } from './trace';
import { compareDiagnostics } from '../language/diagnostic';
import { flushCpu, flushThread } from './accounting';
import { mergeSimulationDiagnostics } from './merge';
import { deriveSpans } from './derive-spans';

export function buildResult(w: World): RunResult {
  const t = w.done ? w.endTime : w.now;
  for (const th of w.threads) if (th.created) flushThread(th, Math.max(t, th.since));
  for (const cpu of w.cpus) flushCpu(cpu, Math.max(t, cpu.since));
  const threads: ThreadMetrics[] = w.threads.map((th) => ({
    name: th.name,
    process: th.proc.spec.name,
    tid: th.spec.tid,
    priority: th.spec.priority,
    bound: th.bound,
    arrival: th.arrival,
    firstRun: th.firstRun,
    finish: th.finish,
    cpuTime: th.cpuTime,
    readyTime: th.readyTime,
    blockedTime: th.blockedTime,
    spinTime: th.spinTime,
    state: th.mstate,
    peakPriority: th.peakPrio,
    peakKernelPriority: th.bound ? th.peakPrio : th.proc.spec.priority,
    waitingSince:
      th.end === null && th.created && (th.mstate === 'blocked' || th.mstate === 'spinning') ? th.waitSince : null,
  }));
  const diagnostics = mergeSimulationDiagnostics(w.diags).sort(compareDiagnostics);
  const result: RunResult = {
    scenario: w.model.title ?? w.options.scenarioName ?? 'scenario',
    outcome: w.outcome,
    endTime: t,
    threads,
    cpus: w.cpus.map((c) => ({ id: c.id, busy: c.busy, overhead: c.overhead, idle: c.idle })),
    counters: { ...w.counters },
    diagnostics,
  };
  const rec = w.rec;
  if (rec !== null) {
    if (rec.keepEvents) result.events = rec.events();
    if (rec.spans) {
      result.spans = deriveSpans(rec.closeAll(t));
      const info = rec.info();
      const until = info.until ?? Infinity;
      result.inversions = w.inversions.intervals
        .filter((x) => x.start < until)
        .map((x) => (x.end > until ? { ...x, end: until } : x));
      result.topology = topology(w);
      result.stalls = [...rec.stallList];
      result.statements = rec.statementsUntil(t);
      result.final = rec.finalStates(t);
    }
    result.recording = rec.info();
  }
  return result;
}

function topology(w: World): Topology {
  return {
    cpus: w.cpus.length,
    policy: w.model.policy,
    processes: w.procs.map((p) => ({
      name: p.spec.name,
      model: p.spec.model,
      threads: p.threads.map((t) => ({ name: t.name, priority: t.spec.priority, bound: t.bound })),
      lwps: p.lwps
        .filter((l) => l.state !== 'creating')
        .map((l) => ({ id: l.id, bound: l.bound ? l.bound.name : null })),
      mutexes: p.mutexes.map((m) => m.name),
      priority: p.spec.priority,
      condvars: p.conds.map((c) => c.spec.name),
      semaphores: p.sems.map((x) => x.spec.name),
    })),
  };
}
