/**
 * A run's recorded form indexed once for the views: each lane's spans by key (with the final
 * states drawn past the end, final-states.ts), threads by
 * process and name (with their stable colour index), each thread's statements, the instants
 * of preemptions (queue order), and the causes as flows. Pure data, built in one pass.
 */
import type { SourceRange } from '../../../server/src/language/model';
import type { RunResult, Span, Topology, TraceEvent } from '../../../server/src/simulator/trace';
import { buildLanes, topologyOf, type LaneGroup } from './lanes';

/** A cause drawn as an arrow: from the causing event to the event it caused. */
export interface Flow {
  from: TraceEvent;
  to: TraceEvent;
}

export interface ThreadInfo {
  process: string;
  name: string;
  /** Index in the run's thread list: the thread's colour. */
  index: number;
  base: number;
  bound: boolean;
}

export interface RunIndex {
  result: RunResult;
  topology: Topology;
  /** Spans by lane key (laneKey), sorted by start. */
  lanes: Map<string, Span[]>;
  /** Threads by `process\nname`. */
  threads: Map<string, ThreadInfo>;
  /** Per thread index: the instants it reached a statement and the statements' ranges. */
  statements: { t: number[]; range: SourceRange[] }[];
  /** `process\nthread@t` and `process\nLWP n@t` of every preemption (the preempted goes to the head of its queue). */
  preempted: Set<string>;
  flows: Flow[];
  /** The instant recording stopped, or null when it covers the run. */
  until: number | null;
}

/** Key of a thread in `RunIndex.threads`. */
export function threadKey(process: string, name: string): string {
  return `${process}\n${name}`;
}

/** Indexes a run, from its lanes when the caller has built them already. */
export function indexRun(result: RunResult, groups: readonly LaneGroup[] = buildLanes(result)): RunIndex {
  const topology = topologyOf(result);
  const lanes = new Map<string, Span[]>();
  for (const g of groups) for (const l of g.lanes) lanes.set(l.key, l.spans);
  const threads = new Map<string, ThreadInfo>();
  result.threads.forEach((t, index) =>
    threads.set(threadKey(t.process, t.name), {
      process: t.process,
      name: t.name,
      index,
      base: t.priority,
      bound: t.bound,
    }),
  );
  const statements = result.threads.map(() => ({ t: [] as number[], range: [] as SourceRange[] }));
  const log = result.statements;
  if (log) {
    for (let k = 0; k < log.t.length; k++) {
      const s = statements[log.thread[k]];
      const r = log.ranges[log.range[k]];
      if (s && r) {
        s.t.push(log.t[k]);
        s.range.push(r);
      }
    }
  }
  const events = result.events ?? [];
  const preempted = new Set<string>();
  const flows: Flow[] = [];
  for (const e of events) {
    if (e.kind === 'preempt' && e.process !== null) {
      if (e.thread !== null) preempted.add(`${threadKey(e.process, e.thread)}@${e.t}`);
      if (e.lwp !== null) preempted.add(`${e.process}\nLWP ${e.lwp}@${e.t}`);
    }
    if (e.cause !== undefined && events[e.cause]) flows.push({ from: events[e.cause], to: e });
  }
  return { result, topology, lanes, threads, statements, preempted, flows, until: result.recording?.until ?? null };
}
