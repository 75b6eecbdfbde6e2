/**
 * Checkpoints of a run for predict-then-reveal: instants at which a host hides what comes next,
 * asks questions generated from the run, and reveals the run up to the next checkpoint. The
 * questions are `Query` data and the answers come from `answerQuery`, computed here ahead of
 * time so that a host never needs the future to check an answer. Deterministic: no draws.
 */
import { answerQuery, type Answer, type Query, type RunView } from './queries';

/** Where the checkpoints fall. */
export type CheckpointRule =
  /** Every scheduling decision: each instant a thread is dispatched onto a CPU. */
  | { kind: 'decisions' }
  /** Every N ticks: t = N, 2N, … before the end of the run. */
  | { kind: 'every'; ticks: number }
  /** Each instant a statement on one of these lines (0-based) causes an event; see `markedLines`. */
  | { kind: 'marks'; lines: readonly number[] };

export interface CheckpointQuestion {
  text: string;
  query: Query;
  answer: Answer;
}

export interface Checkpoint {
  /** The run is shown up to this instant, none of its events included. */
  t: number;
  /** The CPU the checkpoint is about (the dispatch's, the marked event's, else 0). */
  cpu: number;
  questions: CheckpointQuestion[];
}

/** Lines (0-based) carrying a `// ?` comment: the statements a teacher marked for a question. */
export function markedLines(text: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((line, k) => {
    // Outside a string: an even number of quotes before the comment.
    const at = line.search(/\/\/\s*\?/);
    if (at >= 0 && (line.slice(0, at).match(/"/g) ?? []).length % 2 === 0) out.push(k);
  });
  return out;
}

/** The instants (with their CPU) the rule selects, in time order, at most `max`. */
function instants(run: RunView, rule: CheckpointRule, max: number): { t: number; cpu: number }[] {
  const events = run.result.events ?? [];
  const seen = new Set<string>();
  const out: { t: number; cpu: number }[] = [];
  const add = (t: number, cpu: number) => {
    const key = `${t}|${cpu}`;
    if (out.length < max && !seen.has(key)) {
      seen.add(key);
      out.push({ t, cpu });
    }
  };
  if (rule.kind === 'every') {
    for (let t = rule.ticks; t < run.result.endTime && rule.ticks > 0; t += rule.ticks) add(t, 0);
  } else if (rule.kind === 'decisions') {
    for (const e of events)
      if ((e.kind === 'run' || e.kind === 'switch') && e.thread !== null && e.cpu !== null) add(e.t, e.cpu);
  } else {
    const lines = new Set(rule.lines);
    for (const e of events) if (e.range && lines.has(e.range.start.line)) add(e.t, e.cpu ?? 0);
  }
  return out;
}

/** Threads not yet finished at t, in declaration order (`process/name` when there are several processes). */
function liveAt(run: RunView, t: number): string[] {
  const qualified = run.model.processes.length > 1;
  return run.result.threads
    .filter((x) => x.finish === null || x.finish > t)
    .map((x) => (qualified ? `${x.process}/${x.name}` : x.name));
}

type Asked = Omit<CheckpointQuestion, 'answer'>;

/** The questions of the k-th checkpoint at (t, cpu): what runs there, then the next of the questions that apply, in turn. */
function questionsAt(run: RunView, rule: CheckpointRule, k: number, t: number, cpu: number): Asked[] {
  const first: Asked =
    rule.kind === 'every'
      ? { text: `Which thread is on CPU ${cpu} during tick ${t}?`, query: { kind: 'running-at', cpu, t } }
      : { text: `Which thread does CPU ${cpu} run next?`, query: { kind: 'next-on-cpu', cpu, t } };
  const live = liveAt(run, t);
  const pools = run.model.processes.filter((p) => p.model === 'many_to_many');
  const name = live[k % Math.max(1, live.length)];
  const pool = pools[k % Math.max(1, pools.length)];
  const rotation: (Asked | null)[] = [
    name === undefined
      ? null
      : { text: `When does ${name} finish?`, query: { kind: 'metric', metric: 'finish', threads: [name] } },
    pool === undefined
      ? null
      : {
          text: `How many LWPs does the pool of ${pool.name} hold at t=${t}?`,
          query: { kind: 'lwps-at', process: pool.name, t },
        },
    { text: 'Does this run deadlock?', query: { kind: 'deadlock' } },
  ];
  const asked = rotation.filter((q): q is Asked => q !== null);
  return [first, asked[k % asked.length]];
}

/** The checkpoints of a run (recorded with events and spans), with their questions and answers. */
export function checkpoints(run: RunView, rule: CheckpointRule, max = 100): Checkpoint[] {
  return instants(run, rule, max).map(({ t, cpu }, k) => ({
    t,
    cpu,
    questions: questionsAt(run, rule, k, t, cpu).map((q) => ({ ...q, answer: answerQuery(q.query, run) })),
  }));
}
