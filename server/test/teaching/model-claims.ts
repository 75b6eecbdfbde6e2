/**
 * The times a sample's opening comment states for each threading model, read from its words,
 * so that a test follows whatever the comment says. Understood forms:
 * - a sentence "… `worker`'s `finish` in the three processes: 5, 15 and 7" (or "15, then 5 and 5"),
 *   one number per process in declaration order, each for that process's model;
 * - a bullet per model, "- `many_to_one`: …", whose clauses say "X finishes at tick N",
 *   "X is done at t=N", "both/all are done at tick N" (every thread), "X can only start at tick N",
 *   or "after `cost NAME` ticks … X runs" (X starts at that cost's value).
 */
import type { Model, ThreadingModel } from '../../src/language/model';

export interface TimeClaim {
  model: ThreadingModel;
  /** A thread's declared name, or null for "every thread" (then `value` is the latest finish). */
  thread: string | null;
  metric: 'finish' | 'firstRun';
  value: number;
  /** The words it was read from. */
  source: string;
}

const MODELS: ThreadingModel[] = ['one_to_one', 'many_to_one', 'many_to_many'];

/** The opening comment, one string, backticks removed. */
function openingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join('\n').replace(/`/g, '');
}

function costOf(model: Model, name: string): number | null {
  const costs: Record<string, number> = {
    switch: model.costs.switch,
    switch_process: model.costs.switchProcess,
    ipi: model.costs.ipi,
    lwp_create: model.costs.lwpCreate,
  };
  return costs[name] ?? null;
}

/** The last thread name mentioned in `words` before index `end`. */
function lastThread(words: string, end: number, threads: string[]): string | null {
  let best: string | null = null;
  let at = -1;
  for (const t of threads) {
    const i = words.slice(0, end).lastIndexOf(t);
    if (i > at) [best, at] = [t, i];
  }
  return best;
}

function clauseClaims(model: ThreadingModel, clause: string, m: Model, threads: string[]): TimeClaim[] {
  const out: TimeClaim[] = [];
  const num = '(?:tick|t\\s*=)\\s*(\\d+)';
  const all = new RegExp(`\\b(?:both|all)\\b[^]*?\\b(?:done|finish(?:ed)?)\\b[^]*?${num}`).exec(clause);
  if (all) out.push({ model, thread: null, metric: 'finish', value: Number(all[1]), source: clause });
  for (const [re, metric] of [
    [new RegExp(`\\b(?:finishes|finish|is done|ends)\\b[^]*?${num}`, 'g'), 'finish'],
    [new RegExp(`\\bstarts?\\b[^]*?${num}`, 'g'), 'firstRun'],
  ] as const) {
    if (all && metric === 'finish') continue;
    for (const hit of clause.matchAll(re)) {
      const thread = lastThread(clause, hit.index ?? 0, threads);
      if (thread) out.push({ model, thread, metric, value: Number(hit[1]), source: clause });
    }
  }
  const cost = /after cost (\w+) ticks[^]*\b(\w+) runs\b/.exec(clause);
  if (cost && threads.includes(cost[2]) && costOf(m, cost[1]) !== null)
    out.push({ model, thread: cost[2], metric: 'firstRun', value: costOf(m, cost[1])!, source: clause });
  return out;
}

/** Every claim of the comment about a time under a model. */
export function modelClaims(text: string, m: Model): TimeClaim[] {
  const comment = openingComment(text);
  const threads = [...new Set(m.processes.flatMap((p) => p.threads.map((t) => t.baseName)))];
  const out: TimeClaim[] = [];
  const listed =
    /(\w+)'s finish in the (?:three|\d+) processes:\s*(\d+)(?:,|\s+then|\s+and)+\s*(\d+)(?:,|\s+then|\s+and)+\s*(\d+)/.exec(
      comment.replace(/\s+/g, ' '),
    );
  if (listed && threads.includes(listed[1]))
    m.processes.slice(0, 3).forEach((p, k) =>
      out.push({
        model: p.model,
        thread: listed[1],
        metric: 'finish',
        value: Number(listed[k + 2]),
        source: listed[0],
      }),
    );
  for (const bullet of comment.split(/\n- /).slice(1)) {
    const model = MODELS.find((x) => bullet.startsWith(x));
    if (!model) continue;
    const words = bullet
      .split(/\n(?!- )/)
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const clause of words.split(/;|\.\s/)) out.push(...clauseClaims(model, clause, m, threads));
  }
  return out;
}
