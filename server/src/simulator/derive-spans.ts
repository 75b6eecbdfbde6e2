/**
 * The lanes a run's views draw, derived from its recorded lanes (recorder.ts) so that they
 * cannot contradict one another:
 * - an LWP on a CPU shows its thread's state there (running or spinning), and a blocked LWP
 *   its thread's wait (io, sleeping or blocked): both are taken from the thread's lane;
 * - a CPU shows the LWP on it (and that LWP's thread and state), taken from the LWP lanes;
 * - a held mutex says how many threads wait for it, counted from the threads' lanes.
 * Pure, and idempotent: deriving derived spans again gives them back (the standalone page
 * stores no CPU lanes and derives them again).
 */
import type { Span, SpanState } from './trace';

const ON_CPU: ReadonlySet<SpanState> = new Set<SpanState>(['running', 'spinning']);
const WAITING: ReadonlySet<SpanState> = new Set<SpanState>(['blocked', 'io', 'sleeping']);

const KIND_ORDER = { cpu: 0, lwp: 1, thread: 2, mutex: 3 } as const;

function text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order of lanes (kind, process, then CPU, LWP, thread or mutex). */
function compareLanes(a: Span['lane'], b: Span['lane']): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind === 'cpu' || b.kind === 'cpu') return a.kind === 'cpu' && b.kind === 'cpu' ? a.cpu - b.cpu : 0;
  const p = text(a.process, b.process);
  if (p !== 0) return p;
  if (a.kind === 'lwp' && b.kind === 'lwp') return a.lwp - b.lwp;
  if (a.kind === 'thread' && b.kind === 'thread') return text(a.thread, b.thread);
  if (a.kind === 'mutex' && b.kind === 'mutex') return text(a.mutex, b.mutex);
  return 0;
}

/** Spans by start, then end, then lane: one order, whatever order they came in. */
function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || (a.lane === b.lane ? 0 : compareLanes(a.lane, b.lane));
}

/** First index of a sorted, non-overlapping span list whose end is after t (binary search). */
export function firstEndingAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends every element of `list` to `out` (a spread would overflow the stack past ~10⁵ elements). */
function append<T>(out: T[], list: readonly T[]): void {
  for (let i = 0; i < list.length; i++) out.push(list[i]);
}

/** Appends a span to a lane's list, merging it into the previous one when they are the same and touch. */
function pushMerged(out: Span[], s: Span): void {
  const prev = out[out.length - 1];
  if (prev !== undefined && prev.end === s.start && sameContent(prev, s)) {
    out[out.length - 1] = { ...prev, end: s.end };
    return;
  }
  out.push(s);
}

/** The same lane and content (everything but the interval); the fields compared one by one, for speed. */
function sameContent(a: Span, b: Span): boolean {
  return (
    a.state === b.state &&
    a.thread === b.thread &&
    a.cpu === b.cpu &&
    a.priority === b.priority &&
    a.reason === b.reason &&
    a.lwp === b.lwp &&
    a.process === b.process &&
    a.owner === b.owner &&
    a.waiting === b.waiting &&
    a.lift === b.lift &&
    a.from === b.from &&
    a.waiters === b.waiters &&
    (a.lane === b.lane || JSON.stringify(a.lane) === JSON.stringify(b.lane))
  );
}

/** A piece [start, end) of span `s` in `state`: `s` itself when that is all of it (no copy). */
function piece(s: Span, start: number, end: number, state: SpanState): Span {
  return start === s.start && end === s.end && state === s.state ? s : { ...s, start, end, state };
}

/** An LWP's spans with its thread's state where it runs or waits. */
function deriveLwp(spans: readonly Span[], threadLanes: ReadonlyMap<string, Span[]>, process: string): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const cls = ON_CPU.has(s.state) ? ON_CPU : WAITING.has(s.state) ? WAITING : null;
    const lane = cls !== null && s.thread !== undefined ? threadLanes.get(`${process}\n${s.thread}`) : undefined;
    if (cls === null || lane === undefined) {
      pushMerged(out, s);
      continue;
    }
    let t = s.start;
    for (let i = firstEndingAfter(lane, s.start); i < lane.length && lane[i].start < s.end && t < s.end; i++) {
      const ts = lane[i];
      if (ts.start > t) pushMerged(out, piece(s, t, ts.start, s.state));
      const end = Math.min(ts.end, s.end);
      const from = Math.max(ts.start, t);
      pushMerged(out, piece(s, from, end, cls.has(ts.state) ? ts.state : s.state));
      t = end;
    }
    if (t < s.end) pushMerged(out, piece(s, t, s.end, s.state));
  }
  return out;
}

/** Splits held spans where the number of waiters changes. */
function deriveMutex(spans: readonly Span[], waits: readonly [number, number][]): Span[] {
  if (waits.length === 0)
    return spans.every((s) => s.waiting === undefined) ? [...spans] : spans.map(({ waiting: _w, ...s }) => s);
  const steps = [...waits].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  let k = 0;
  let n = 0;
  for (const raw of spans) {
    const { waiting: _w, ...s } = raw;
    while (k < steps.length && steps[k][0] <= s.start) n += steps[k++][1];
    let t = s.start;
    while (k < steps.length && steps[k][0] < s.end) {
      const at = steps[k][0];
      if (at > t) pushMerged(out, n > 0 ? { ...s, start: t, end: at, waiting: n } : { ...s, start: t, end: at });
      while (k < steps.length && steps[k][0] === at) n += steps[k++][1];
      t = at;
    }
    pushMerged(out, n > 0 ? { ...s, start: t, end: s.end, waiting: n } : { ...s, start: t, end: s.end });
  }
  return out;
}

/**
 * The lanes to draw from the recorded ones: thread and mutex lanes as recorded (mutexes with
 * their waiter counts), LWP lanes with their threads' states, CPU lanes made from the LWPs'.
 * Any CPU spans given are ignored and made again. Sorted by start, then end.
 */
export function deriveSpans(recorded: readonly Span[]): Span[] {
  const threads = new Map<string, Span[]>();
  const lwps = new Map<string, { process: string; spans: Span[] }>();
  const mutexes = new Map<string, Span[]>();
  const waits = new Map<string, [number, number][]>();
  const out: Span[] = [];
  for (const s of recorded) {
    const lane = s.lane;
    if (lane.kind === 'thread') {
      const key = `${lane.process}\n${lane.thread}`;
      let list = threads.get(key);
      if (!list) threads.set(key, (list = []));
      list.push(s);
      if ((s.state === 'blocked' || s.state === 'spinning') && s.reason?.startsWith('mutex ')) {
        const m = `${lane.process}\n${s.reason.slice(6)}`;
        let w = waits.get(m);
        if (!w) waits.set(m, (w = []));
        w.push([s.start, 1], [s.end, -1]);
      }
    } else if (lane.kind === 'lwp') {
      const key = `${lane.process}\n${lane.lwp}`;
      let e = lwps.get(key);
      if (!e) lwps.set(key, (e = { process: lane.process, spans: [] }));
      e.spans.push(s);
    } else if (lane.kind === 'mutex') {
      const key = `${lane.process}\n${lane.mutex}`;
      let list = mutexes.get(key);
      if (!list) mutexes.set(key, (list = []));
      list.push(s);
    }
  }
  for (const list of threads.values()) {
    list.sort(byStart);
    append(out, list);
  }
  const derivedLwps: Span[] = [];
  for (const { process, spans } of lwps.values()) append(derivedLwps, deriveLwp(spans.sort(byStart), threads, process));
  append(out, derivedLwps);
  append(out, cpuSpans(derivedLwps));
  for (const [key, list] of mutexes) append(out, deriveMutex(list.sort(byStart), waits.get(key) ?? []));
  return out.sort(byStart);
}

/**
 * The CPU lanes made from LWP lanes that show their threads' states (derived ones): each CPU
 * shows the LWP on it, its thread and its state. Sorted per CPU, touching equal spans merged.
 */
export function cpuSpans(lwpSpans: readonly Span[]): Span[] {
  const cpus = new Map<number, Span[]>();
  for (const s of lwpSpans) {
    if (s.lane.kind !== 'lwp' || s.cpu === undefined || !(ON_CPU.has(s.state) || s.state === 'overhead')) continue;
    let list = cpus.get(s.cpu);
    if (!list) cpus.set(s.cpu, (list = []));
    const span: Span = { lane: cpuLane(s.cpu), start: s.start, end: s.end, state: s.state };
    if (s.thread !== undefined) span.thread = s.thread;
    span.process = s.lane.process;
    span.lwp = s.lane.lwp;
    span.cpu = s.cpu;
    list.push(span);
  }
  const out: Span[] = [];
  for (const list of cpus.values()) {
    const merged: Span[] = [];
    for (const s of list.sort(byStart)) pushMerged(merged, s);
    append(out, merged);
  }
  return out;
}

/** One lane object per CPU, shared by its spans. */
const cpuLanes: Span['lane'][] = [];
function cpuLane(cpu: number): Span['lane'] {
  return (cpuLanes[cpu] ??= { kind: 'cpu', cpu });
}

/** Sorts spans as deriveSpans returns them (start, end, lane). */
export function sortSpans(spans: Span[]): Span[] {
  return spans.sort(byStart);
}
