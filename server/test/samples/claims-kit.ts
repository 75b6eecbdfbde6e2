/**
 * The tools of the sample-claims tests: a sample's opening comment is checked against its run,
 * and every number and every named event, diagnostic, counter or metric of the comment must
 * have been checked by the end (`covered()`), so that a comment cannot drift from its run.
 *
 * A claim is checked with `is` (a number), `event` / `also` / `none` (events), `diag` (diagnostics),
 * `counter`, `metric` and `lane`; each records what it checked. `covered()` then reads the comment:
 * every number in it (a number inside `name[N]` or glued to a letter, as in `8k`, is not a
 * claim) must have been checked at least as many times as the comment states it, and every
 * word written in backticks that names an event kind, a diagnostic code, a counter or a thread
 * metric must have been checked under that name. Variants ("delete `pin 0` and …") are runs of
 * the text edited the way the comment says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { diagnose, withRun } from '../../src/diagnose';
import { compile } from '../../src/language';
import type { Diagnostic } from '../../src/language/diagnostic';
import type { Model } from '../../src/language/model';
import { simulate } from '../../src/simulator';
import type { Counters, EventKind, RunResult, Span, ThreadMetrics, TraceEvent } from '../../src/simulator';
import { CLI_THREAD_FIELDS } from '../../src/simulator/trace';

const samplesDir = resolve(__dirname, '../../../samples');

const EVENT_KINDS = [
  'create',
  'run',
  'preempt',
  'switch',
  'block',
  'wake',
  'lock',
  'unlock',
  'spin',
  'io',
  'sleep',
  'park',
  'unpark',
  'upcall',
  'ipi',
  'lwp_create',
  'lwp_reclaim',
  'reuse',
  'reap',
  'exit',
  'fault',
  'deadlock',
  'signal',
  'post',
  'kill',
] as const satisfies readonly EventKind[];
// Every event kind is listed: a new kind fails the type check here until it is added.
const everyKind: Exclude<EventKind, (typeof EVENT_KINDS)[number]> extends never ? true : false = true;
void everyKind;

/** The diagnostic codes a comment may name (docs/reference/diagnostics.md, analysis and simulation). */
const DIAGNOSTIC_CODES = [
  'lock-order-cycle',
  'held-at-exit',
  'inversion-risk',
  'stack-too-small',
  'deadlock',
  'hang',
  'priority-inversion',
  'process-stall',
  'stack-overflow',
  'starvation',
  'event-budget',
];

/** The counters' names, as a run reports them. */
const COUNTERS = Object.keys(simulate(compile('process p { thread t { compute 1 } }').model!).counters);

/** The thread metrics of `run --json` that are times. */
type Metric = Exclude<(typeof CLI_THREAD_FIELDS)[number], 'name' | 'process' | 'tid' | 'priority' | 'bound' | 'state'>;
const NOT_TIMES = new Set<string>(['name', 'process', 'tid', 'priority', 'bound', 'state']);
const METRICS = CLI_THREAD_FIELDS.filter((f) => !NOT_TIMES.has(f));

/** The opening comment of a sample, `// ` removed, one string. */
export function openingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join('\n');
}

/** The numbers a comment states, in order: not inside `name[N]`, not glued to a letter. */
export function statedNumbers(comment: string): number[] {
  return [...comment.matchAll(/(?<![\w[.])\d+(?![\w\]])/g)].map((m) => Number(m[0]));
}

/** The words a comment writes in backticks that name an event, a diagnostic, a counter or a metric. */
export function namedTerms(comment: string): string[] {
  const known = new Set<string>([...EVENT_KINDS, ...DIAGNOSTIC_CODES, ...COUNTERS, ...METRICS]);
  return [...comment.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((w) => known.has(w));
}

export interface Run {
  model: Model;
  result: RunResult;
  /** Every diagnostic: the text's, the analysis's and the run's. */
  diagnostics: Diagnostic[];
  events: TraceEvent[];
  spans: Span[];
  /** A thread by name, "process/thread" when two processes share the name. */
  thread(name: string): ThreadMetrics;
}

type EventFilter = Partial<Pick<TraceEvent, 't' | 'process' | 'thread' | 'lwp' | 'cpu' | 'mutex'>>;

function matches(e: TraceEvent, f: EventFilter): boolean {
  return (Object.keys(f) as (keyof EventFilter)[]).every((k) => e[k] === f[k]);
}

function splitName(name: string): [string | null, string] {
  const at = name.indexOf('/');
  return at < 0 ? [null, name] : [name.slice(0, at), name.slice(at + 1)];
}

/**
 * The claims of one sample: `body` checks them on the sample's run (and on the variants it
 * makes), and a last test checks that the comment states nothing the body left unchecked.
 */
export function describeClaims(sample: string, body: (c: SampleClaims, r: Run) => void): void {
  describe(sample.replace(/\.threads$/, ''), () => {
    const c = new SampleClaims(sample);
    body(c, c.run());
    test('the comment states nothing unchecked', () => c.covered());
  });
}

export class SampleClaims {
  readonly text: string;
  private readonly checked: number[] = [];
  private readonly terms = new Set<string>();

  constructor(readonly sample: string) {
    this.text = readFileSync(join(samplesDir, sample), 'utf8');
  }

  /**
   * The sample's text with its one line `from` (indentation aside) replaced by `to`, as the
   * comment tells the reader to edit it. The numbers the edit writes (or, when it writes none,
   * the numbers it deletes) are the comment's and count as checked: the edit finds them.
   */
  variant(from: string, to: string, text = this.text): string {
    const lines = text.split('\n');
    assert.equal(lines.filter((l) => l.trim() === from).length, 1, `${this.sample} has one line '${from}'`);
    this.edited(from, to);
    return lines.map((l) => (l.trim() === from ? l.replace(from, to) : l)).join('\n');
  }

  /** The sample's text with `from`, found exactly once anywhere, replaced by `to` (as `variant`). */
  edit(from: string, to: string, text = this.text): string {
    assert.equal(text.split(from).length, 2, `${this.sample} has '${from}' once`);
    this.edited(from, to);
    return text.replace(from, to);
  }

  private edited(from: string, to: string): void {
    const less = (a: number[], b: number[]) => {
      const rest = [...b];
      return a.filter((n) => {
        const i = rest.indexOf(n);
        if (i < 0) return true;
        rest.splice(i, 1);
        return false;
      });
    };
    const [before, after] = [statedNumbers(from), statedNumbers(to)];
    const added = less(after, before);
    this.checked.push(...(added.length > 0 ? added : less(before, after)));
  }

  run(text = this.text): Run {
    const diagnosis = diagnose(text);
    const model = diagnosis.compilation.model;
    const result = model ? simulate(model, { record: { events: true, spans: true } }) : null;
    const diagnostics = withRun(diagnosis, result);
    assert.ok(result && model, `${this.sample} compiles: ${diagnostics.map((d) => d.message).join('; ')}`);
    return {
      model,
      result,
      diagnostics,
      events: result.events ?? [],
      spans: result.spans ?? [],
      thread: (name) => {
        const [proc, bare] = splitName(name);
        const found = result.threads.filter((t) => t.name === bare && (proc === null || t.process === proc));
        assert.equal(found.length, 1, `${this.sample}: one thread ${name}`);
        return found[0];
      },
    };
  }

  /** A number the comment states. */
  is(actual: number | null | undefined, expected: number, what: string): void {
    assert.equal(actual, expected, `${this.sample}: ${what}`);
    this.checked.push(expected);
  }

  /** A thread metric the comment states (`finish`, `spinTime`, …). */
  metric(r: Run, thread: string, metric: Metric, expected: number): void {
    this.terms.add(metric);
    this.is(r.thread(thread)[metric], expected, `${metric} of ${thread}`);
  }

  counter(r: Run, name: keyof Counters, expected: number): void {
    this.terms.add(name);
    this.is(r.result.counters[name], expected, `counter ${name}`);
  }

  /** The events of a kind that match; with `t` in the filter, the instant counts as checked. */
  event(r: Run, kind: EventKind, filter: EventFilter, what: string): TraceEvent[] {
    const found = r.events.filter((e) => e.kind === kind && matches(e, filter));
    assert.ok(found.length > 0, `${this.sample}: ${what}: no ${kind} event matching ${JSON.stringify(filter)}`);
    this.terms.add(kind);
    if (filter.t !== undefined) this.checked.push(filter.t);
    return found;
  }

  /** As `event`, for an instant the comment states once and another check already counts. */
  also(r: Run, kind: EventKind, filter: EventFilter, what: string): TraceEvent[] {
    const { t, ...rest } = filter;
    const found = this.event(r, kind, rest, what).filter((e) => t === undefined || e.t === t);
    assert.ok(found.length > 0, `${this.sample}: ${what}: no ${kind} event at ${t}`);
    return found;
  }

  /** No event of this kind matches; with `t` in the filter, the instant counts as checked. */
  none(r: Run, kind: EventKind, filter: EventFilter, what: string): void {
    const found = r.events.filter((e) => e.kind === kind && matches(e, filter));
    assert.deepEqual(found, [], `${this.sample}: ${what}`);
    this.terms.add(kind);
    if (filter.t !== undefined) this.checked.push(filter.t);
  }

  /** The diagnostics of a code: how many, and (optionally) when and what they say. */
  diag(r: Run, code: string, expect: { count?: number; time?: number; message?: RegExp[] } = {}): Diagnostic[] {
    const found = r.diagnostics.filter((d) => d.code === code);
    assert.equal(found.length, expect.count ?? 1, `${this.sample}: ${code} diagnostics`);
    this.terms.add(code);
    if (expect.time !== undefined) this.is(found[0]?.time, expect.time, `${code} at`);
    for (const re of expect.message ?? []) assert.match(found[0]?.message ?? '', re, `${this.sample}: ${code}`);
    return found;
  }

  /**
   * The spans of one lane, in time order: a thread ("process/thread" or "thread"), an LWP
   * ("process/id") or a CPU (its number). The number of an LWP or CPU counts as checked
   * unless `stated` is false (the comment does not name the lane).
   */
  lane(r: Run, kind: 'thread' | 'lwp' | 'cpu', name: string | number, stated = true): Span[] {
    if (stated && kind === 'cpu') this.checked.push(Number(name));
    if (stated && kind === 'lwp') this.checked.push(Number(String(name).split('/')[1]));
    return r.spans
      .filter((s) => {
        const l = s.lane;
        if (l.kind !== kind) return false;
        if (l.kind === 'cpu') return l.cpu === name;
        if (l.kind === 'lwp') {
          const [proc, id] = String(name).split('/');
          return l.process === proc && l.lwp === Number(id);
        }
        if (l.kind === 'thread') {
          const [proc, bare] = splitName(String(name));
          return l.thread === bare && (proc === null || l.process === proc);
        }
        return false;
      })
      .sort((a, b) => a.start - b.start);
  }

  /** Every number and every named term of the comment was checked. */
  covered(): void {
    const comment = openingComment(this.text);
    const want = new Map<number, number>();
    for (const n of statedNumbers(comment)) want.set(n, (want.get(n) ?? 0) + 1);
    const have = new Map<number, number>();
    for (const n of this.checked) have.set(n, (have.get(n) ?? 0) + 1);
    const missing = [...want].filter(([n, k]) => (have.get(n) ?? 0) < k).map(([n, k]) => `${n} (${k}×)`);
    assert.deepEqual(missing, [], `${this.sample}: numbers of the comment that no check states`);
    const unnamed = [...new Set(namedTerms(comment))].filter((w) => !this.terms.has(w));
    assert.deepEqual(unnamed, [], `${this.sample}: terms of the comment that no check looks at`);
  }
}
