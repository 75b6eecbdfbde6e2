/**
 * Questions about a run, as data, and their answers computed from the run: what an exercise
 * asks and (later) what predict-then-reveal asks at a checkpoint. An answer is never written
 * by hand: `answerQuery` reads it from the metrics, events, spans and diagnostics of a run.
 */
import type { Diagnostic } from '../language/diagnostic';
import type { Model } from '../language/model';
import type { Counters, RunResult, Span, ThreadMetrics } from '../simulator';

/** A run with events and spans recorded, and every diagnostic of its text (analysis included). */
export interface RunView {
  model: Model;
  result: RunResult;
  diagnostics: Diagnostic[];
}

export type ThreadMetric = 'finish' | 'firstRun' | 'response' | 'turnaround' | 'waiting' | 'cpu' | 'blocked' | 'spin';
export type CountedEvent = 'upcall' | 'preempt' | 'lwp_create' | 'lwp_reclaim' | 'ipi';

/**
 * A question's meaning. Threads are named as in the run (`worker[1]`), optionally `process/name`.
 * Instants: `t` means the tick [t, t+1) for what runs, and "after every event at t" for counts.
 */
export type Query =
  | { kind: 'completion-order' }
  | { kind: 'metric'; metric: ThreadMetric; threads: string[] }
  | { kind: 'average'; metric: 'turnaround' | 'response' | 'waiting'; threads: string[] }
  | { kind: 'running-at'; cpu: number; t: number }
  | { kind: 'next-on-cpu'; cpu: number; t: number }
  | { kind: 'lwp-of'; thread: string; t: number }
  | { kind: 'lwps-at'; process: string; t: number }
  /** The first such event strictly after `after` (default: any). */
  | { kind: 'first-event'; event: CountedEvent; after?: number }
  | { kind: 'count-events'; event: CountedEvent }
  | { kind: 'counter'; counter: keyof Counters }
  | { kind: 'cpu-overhead'; cpu: number }
  | { kind: 'outcome' }
  | { kind: 'deadlock' }
  | { kind: 'mutex-wait'; thread: string; mutex: string }
  | { kind: 'acquired'; thread: string; mutex: string }
  | { kind: 'state-at'; thread: string; t: number }
  | { kind: 'inversion-ticks' }
  | { kind: 'stall' }
  | { kind: 'diagnostic'; code: string };

export type AnswerValue = number | string | boolean | null | AnswerValue[] | { [key: string]: AnswerValue };

export interface Answer {
  value: AnswerValue;
  /** The value as a student would write it. */
  text: string;
}

function findThread(r: RunResult, name: string): ThreadMetrics | undefined {
  const slash = name.indexOf('/');
  const [proc, bare] = slash >= 0 ? [name.slice(0, slash), name.slice(slash + 1)] : [null, name];
  return r.threads.find((t) => t.name === bare && (proc === null || t.process === proc));
}

/** One metric of one thread; null when it does not apply (never ran, never finished). */
export function threadMetric(t: ThreadMetrics | undefined, metric: ThreadMetric): number | null {
  if (!t) return null;
  const since = (v: number | null) => (v !== null && t.arrival !== null ? v - t.arrival : null);
  switch (metric) {
    case 'finish':
      return t.finish;
    case 'firstRun':
      return t.firstRun;
    case 'response':
      return since(t.firstRun);
    case 'turnaround':
      return since(t.finish);
    case 'waiting':
      return t.arrival === null ? null : t.readyTime;
    case 'cpu':
      return t.cpuTime;
    case 'blocked':
      return t.blockedTime;
    case 'spin':
      return t.spinTime;
  }
}

function covering(spans: Span[], t: number, keep: (s: Span) => boolean): Span | undefined {
  return spans.find((s) => s.start <= t && t < s.end && keep(s));
}

function ticks(n: number): string {
  return `${n} tick${n === 1 ? '' : 's'}`;
}

function at(t: number | null): string {
  return t === null ? 'never' : `t=${t}`;
}

/** The answer to `q` in the run `v`. */
export function answerQuery(q: Query, v: RunView): Answer {
  const r = v.result;
  const events = r.events ?? [];
  switch (q.kind) {
    case 'completion-order': {
      const done = r.threads.filter((t) => t.finish !== null).sort((a, b) => a.finish! - b.finish!);
      const names = done.map((t) => t.name);
      return { value: names, text: names.length === 0 ? 'none finishes' : names.join(', ') };
    }
    case 'metric': {
      const value: Record<string, number | null> = {};
      for (const name of q.threads) value[name] = threadMetric(findThread(r, name), q.metric);
      const none = q.metric === 'finish' || q.metric === 'firstRun' ? 'never' : '-';
      if (q.threads.length === 1) return { value, text: String(value[q.threads[0]] ?? none) };
      return { value, text: q.threads.map((n) => `${n} ${value[n] ?? none}`).join(', ') };
    }
    case 'average': {
      const values = q.threads.map((n) => threadMetric(findThread(r, n), q.metric));
      if (values.length === 0 || values.some((x) => x === null))
        return { value: null, text: 'undefined (a thread never finishes)' };
      const mean = Math.round((100 * (values as number[]).reduce((a, b) => a + b, 0)) / values.length) / 100;
      return { value: mean, text: String(mean) };
    }
    case 'running-at': {
      const s = covering(r.spans ?? [], q.t, (x) => x.lane.kind === 'cpu' && x.lane.cpu === q.cpu);
      if (!s) return { value: null, text: 'idle' };
      if (s.state === 'overhead') return { value: 'switch', text: 'nobody: the CPU is switching' };
      return {
        value: s.thread ?? null,
        text: s.state === 'spinning' ? `${s.thread} (spinning)` : (s.thread ?? 'idle'),
      };
    }
    case 'next-on-cpu': {
      let next: Span | undefined;
      for (const x of r.spans ?? [])
        if (x.lane.kind === 'cpu' && x.lane.cpu === q.cpu && x.thread !== undefined && x.state !== 'overhead')
          if (x.start >= q.t && (!next || x.start < next.start)) next = x;
      return next
        ? { value: next.thread ?? null, text: `${next.thread} (from t=${next.start})` }
        : { value: null, text: 'nobody: the CPU stays idle' };
    }
    case 'lwp-of': {
      const t = findThread(r, q.thread);
      const s = covering(
        r.spans ?? [],
        q.t,
        (x) => x.lane.kind === 'lwp' && x.thread === t?.name && x.lane.process === t?.process,
      );
      if (!s || s.lane.kind !== 'lwp') return { value: null, text: 'none (it is on no LWP)' };
      const where = s.state === 'running' || s.state === 'spinning' ? `${s.state} on CPU ${s.cpu}` : s.state;
      return { value: s.lane.lwp, text: `LWP ${s.lane.lwp} (${where})` };
    }
    case 'lwps-at': {
      const pool = (r.topology?.processes.find((p) => p.name === q.process)?.lwps ?? []).filter(
        (l) => l.bound === null,
      );
      const ids = new Set(pool.map((l) => l.id));
      const mine = events.filter((e) => e.process === q.process && ids.has(e.lwp ?? -1));
      // The initial pool exists from t=0 whether or not its creation is an event.
      const announced = new Set(mine.filter((e) => e.kind === 'lwp_create').map((e) => e.lwp));
      const count = (kind: string) => mine.filter((e) => e.kind === kind && e.t <= q.t).length;
      const n = pool.length - announced.size + count('lwp_create') - count('lwp_reclaim');
      return { value: n, text: String(n) };
    }
    case 'first-event': {
      const e = events.find((x) => x.kind === q.event && (q.after === undefined || x.t > q.after));
      return { value: e?.t ?? null, text: at(e?.t ?? null) };
    }
    case 'count-events': {
      const n = events.filter((x) => x.kind === q.event).length;
      return { value: n, text: String(n) };
    }
    case 'counter':
      return { value: r.counters[q.counter], text: String(r.counters[q.counter]) };
    case 'cpu-overhead': {
      const n = r.cpus.find((c) => c.id === q.cpu)?.overhead ?? 0;
      return { value: n, text: ticks(n) };
    }
    case 'outcome':
      return { value: r.outcome, text: `${r.outcome} at t=${r.endTime}` };
    case 'deadlock': {
      const d = v.diagnostics.find((x) => x.code === 'deadlock');
      if (r.outcome !== 'deadlock' || !d) return { value: { deadlock: false }, text: 'no' };
      const threads = Array.isArray(d.data?.threads) ? (d.data.threads as string[]) : [];
      return { value: { deadlock: true, t: d.time, threads }, text: `yes, at t=${d.time}: ${threads.join(', ')}` };
    }
    case 'mutex-wait': {
      const t = findThread(r, q.thread);
      const mine = events.filter((e) => e.thread === t?.name && e.process === t?.process && e.mutex === q.mutex);
      const tries = mine.find((e) => e.kind === 'block' || e.kind === 'spin' || e.kind === 'lock');
      const got = tries && mine.find((e) => e.kind === 'lock' && e.t >= tries.t);
      if (!tries || !got)
        return { value: null, text: tries ? `it never gets ${q.mutex}` : `it never asks for ${q.mutex}` };
      const text =
        got.t === tries.t
          ? `0 ticks (${q.mutex} is free at t=${got.t})`
          : `${ticks(got.t - tries.t)} (t=${tries.t} to t=${got.t})`;
      return { value: got.t - tries.t, text };
    }
    case 'acquired': {
      const t = findThread(r, q.thread);
      const got = events.find(
        (e) => e.kind === 'lock' && e.thread === t?.name && e.process === t?.process && e.mutex === q.mutex,
      );
      return { value: got?.t ?? null, text: got ? `t=${got.t}` : `never` };
    }
    case 'state-at': {
      const t = findThread(r, q.thread);
      const s = covering(
        r.spans ?? [],
        q.t,
        (x) => x.lane.kind === 'thread' && x.lane.thread === t?.name && x.lane.process === t?.process,
      );
      const state = s?.state ?? (t && t.finish !== null && q.t >= t.finish ? 'exited' : 'not started');
      return { value: state, text: s?.reason ? `${state} (${s.reason})` : state };
    }
    case 'inversion-ticks': {
      const n = v.diagnostics
        .filter((d) => d.code === 'priority-inversion')
        .reduce((sum, d) => sum + (typeof d.data?.ticks === 'number' ? d.data.ticks : 0), 0);
      return { value: n, text: n === 0 ? 'none' : ticks(n) };
    }
    case 'stall': {
      const d = v.diagnostics.find((x) => x.code === 'process-stall');
      return { value: d?.time ?? null, text: d ? `yes, from t=${d.time}` : 'no' };
    }
    case 'diagnostic': {
      const yes = v.diagnostics.some((d) => d.code === q.code);
      return { value: yes, text: yes ? 'yes' : 'no' };
    }
  }
}
