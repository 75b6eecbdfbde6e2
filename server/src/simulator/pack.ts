/**
 * The recorded form of a run, packed for storage (the standalone page embeds it): what repeats
 * is stored once in a table (span styles, event shapes, lanes, source ranges) and the long
 * lists become flat arrays of small numbers (time deltas and table indices). CPU lanes are not
 * stored: `unpackRun` derives them again from the LWPs' (derive-spans.ts), as the simulator did.
 *
 * `unpackRun` checks every index it follows and throws on anything malformed: the page shows
 * a message instead of a broken view.
 */
import type { SourceRange } from '../language/model';
import type { LaneRef, RunResult, Span, StatementLog, TraceEvent } from './trace';
import { cpuSpans } from './derive-spans';
import { decodeShape, decodeStyle, encodeShape, encodeStyle, Strings, Table, TupleTable } from './pack-tuples';

export const PACK_VERSION = 1;

export interface PackedRun {
  v: typeof PACK_VERSION;
  /** The run without its threads, events, spans and statements. */
  head: Omit<RunResult, 'threads' | 'events' | 'spans' | 'statements'>;
  /** The threads' metrics as a table: the field names once, then a row of values per thread. */
  threads: { keys: string[]; rows: unknown[][] };
  lanes: LaneRef[];
  /** The strings of the styles and shapes. */
  strings: string[];
  /** Span contents, each [state, field code, value, …] (pack-tuples.ts). */
  styles: number[][];
  /** Per lane: lane index, span count, then per span: gap since the lane's previous end, length, style index. */
  spans: number[];
  /** Source ranges, four numbers each: start line, start character, end line, end character. */
  ranges: number[];
  /** Events without instant and cause, each [kind, process, thread, lwp, cpu, mutex, range, detail]. */
  shapes: number[][];
  /** Per event: time since the previous event, shape index, distance back to its cause (0: none). Null: not recorded. */
  events: number[] | null;
  /** Per statement: thread, time since the previous statement, range index. Null: not recorded. */
  statements: number[] | null;
}

function rangeKey(r: SourceRange): string {
  return `${r.start.line},${r.start.character},${r.end.line},${r.end.character}`;
}

/** Packs a run recorded with spans (and events, when it has them). */
export function packRun(result: RunResult): PackedRun {
  const { events, spans, statements, threads, ...head } = result;
  const keys = threads.length > 0 ? Object.keys(threads[0]) : [];
  const table = {
    keys,
    rows: threads.map((t) => keys.map((k) => (t as unknown as Record<string, unknown>)[k])),
  };
  const lanes = new Table<LaneRef>();
  const strings = new Strings();
  const styles = new TupleTable();
  const ranges = new Table<SourceRange>();
  // The lists are made at their final size: grown by doubling, a million spans would leave a
  // few hundred megabytes of garbage behind (the page is written in the CLI's memory budget).
  // A lane's spans share its lane object: found by identity first, by value the first time.
  const laneIndex = new Map<LaneRef, number>();
  const counts: number[] = [];
  let stored = 0;
  for (const s of spans ?? []) {
    if (s.lane.kind === 'cpu') continue;
    let li = laneIndex.get(s.lane);
    if (li === undefined) laneIndex.set(s.lane, (li = lanes.add(s.lane)));
    counts[li] = (counts[li] ?? 0) + 1;
    stored++;
  }
  // Each lane's spans, in order, placed by lane (offsets from the counts).
  const offset = new Array<number>(counts.length).fill(0);
  for (let li = 1; li < counts.length; li++) offset[li] = offset[li - 1] + 2 + 3 * counts[li - 1];
  const flat = new Array<number>(2 * counts.length + 3 * stored).fill(0);
  const next = offset.map((o) => o + 2);
  const lastEnd = new Array<number>(counts.length).fill(0);
  counts.forEach((n, li) => {
    flat[offset[li]] = li;
    flat[offset[li] + 1] = n;
  });
  const scratch: number[] = [];
  for (const s of spans ?? []) {
    if (s.lane.kind === 'cpu') continue;
    const li = laneIndex.get(s.lane)!;
    const k = next[li];
    // encodeStyle reads the span's state and content fields (not its lane or interval).
    flat[k] = s.start - lastEnd[li];
    flat[k + 1] = s.end - s.start;
    flat[k + 2] = styles.add(scratch, encodeStyle(s, strings, scratch));
    next[li] = k + 3;
    lastEnd[li] = s.end;
  }
  const shapes = new TupleTable();
  let ev: number[] | null = null;
  if (events) {
    ev = new Array<number>(3 * events.length).fill(0);
    let t = 0;
    // Events share their statements' range objects: found by identity first, by value the first time.
    const rangeIndex = new Map<SourceRange, number>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      let r = -1;
      if (e.range !== null) {
        const known = rangeIndex.get(e.range);
        if (known === undefined) rangeIndex.set(e.range, (r = ranges.add(e.range, rangeKey(e.range))));
        else r = known;
      }
      ev[3 * i] = e.t - t;
      ev[3 * i + 1] = shapes.add(scratch, encodeShape(e, r, strings, scratch));
      ev[3 * i + 2] = e.cause !== undefined && e.cause < i ? i - e.cause : 0;
      t = e.t;
    }
  }
  let st: number[] | null = null;
  if (statements) {
    st = new Array<number>(3 * statements.t.length).fill(0);
    const local = statements.ranges.map((r) => ranges.add(r, rangeKey(r)));
    let t = 0;
    for (let k = 0; k < statements.t.length; k++) {
      st[3 * k] = statements.thread[k];
      st[3 * k + 1] = statements.t[k] - t;
      st[3 * k + 2] = local[statements.range[k]];
      t = statements.t[k];
    }
  }
  return {
    v: PACK_VERSION,
    head,
    threads: table,
    lanes: lanes.values,
    strings: strings.values,
    styles: styles.values,
    spans: flat,
    ranges: ranges.values.flatMap((r) => [r.start.line, r.start.character, r.end.line, r.end.character]),
    shapes: shapes.values,
    events: ev,
    statements: st,
  };
}

class Malformed extends Error {}

function need(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Malformed(`the packed run is malformed: ${what}`);
}

function numbers(v: unknown, what: string): number[] {
  need(Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)), `${what} are not numbers`);
  return v as number[];
}

function at<T>(list: readonly T[], i: number, what: string): T {
  need(Number.isInteger(i) && i >= 0 && i < list.length, `${what} ${i} out of range`);
  return list[i];
}

/**
 * The run a packed form holds, its CPU lanes derived again; its spans lane by lane, each lane in
 * time order (sortSpans gives the simulator's order). Throws an Error naming what is malformed.
 */
export function unpackRun(p: PackedRun): RunResult {
  need(typeof p === 'object' && p !== null && p.v === PACK_VERSION, 'unknown version');
  need(
    Array.isArray(p.lanes) && Array.isArray(p.styles) && Array.isArray(p.shapes) && Array.isArray(p.strings),
    'tables missing',
  );
  need(
    p.strings.every((x) => typeof x === 'string'),
    'strings are not strings',
  );
  const styles = p.styles.map((t) => decodeStyle(t, p.strings, need));
  const shapes = p.shapes.map((t) => decodeShape(t, p.strings, need));
  const flat = numbers(p.spans, 'spans');
  const rflat = numbers(p.ranges, 'ranges');
  const ranges: SourceRange[] = [];
  for (let i = 0; i + 3 < rflat.length; i += 4)
    ranges.push({
      start: { line: rflat[i], character: rflat[i + 1] },
      end: { line: rflat[i + 2], character: rflat[i + 3] },
    });
  const spans: Span[] = [];
  for (let i = 0; i < flat.length;) {
    const lane = at(p.lanes, flat[i], 'lane');
    const n = flat[i + 1];
    need(Number.isInteger(n) && n >= 0 && i + 2 + 3 * n <= flat.length, 'span count');
    i += 2;
    let end = 0;
    for (let k = 0; k < n; k++, i += 3) {
      const start = end + flat[i];
      end = start + flat[i + 1];
      spans.push(Object.assign({ lane, start, end }, at(styles, flat[i + 2], 'style')));
    }
  }
  // The stored lanes are derived ones (deriving them again changes nothing): only the CPU lanes,
  // left out of the stored form, are made again. Spans come lane by lane, each lane in time order.
  const result: RunResult = { ...p.head, threads: unpackThreads(p.threads), spans: [...cpuSpans(spans), ...spans] };
  if (p.events !== null) {
    const flatEv = numbers(p.events, 'events');
    need(flatEv.length % 3 === 0, 'events are not triples');
    const events: TraceEvent[] = [];
    let t = 0;
    for (let i = 0; i < flatEv.length; i += 3) {
      t += flatEv[i];
      const sh = at(shapes, flatEv[i + 1], 'event shape');
      const e: TraceEvent = {
        t,
        kind: sh.kind,
        process: sh.process,
        thread: sh.thread,
        lwp: sh.lwp,
        cpu: sh.cpu,
        mutex: sh.mutex,
        range: sh.range < 0 ? null : at(ranges, sh.range, 'range'),
      };
      if (sh.detail !== undefined) e.detail = sh.detail;
      const back = flatEv[i + 2];
      if (back > 0) e.cause = events.length - back;
      need(e.cause === undefined || e.cause >= 0, 'cause');
      events.push(e);
    }
    result.events = events;
  }
  if (p.statements !== null) result.statements = unpackStatements(numbers(p.statements, 'statements'), ranges);
  return result;
}

function unpackThreads(t: PackedRun['threads']): RunResult['threads'] {
  need(
    typeof t === 'object' && t !== null && Array.isArray(t.keys) && Array.isArray(t.rows),
    'the threads are not a table',
  );
  need(
    t.keys.every((k) => typeof k === 'string') && t.rows.every((r) => Array.isArray(r) && r.length === t.keys.length),
    'a thread row does not fit the keys',
  );
  return t.rows.map(
    (r) => Object.fromEntries(t.keys.map((k, i) => [k, r[i]])) as unknown as RunResult['threads'][number],
  );
}

function unpackStatements(flat: number[], ranges: SourceRange[]): StatementLog {
  need(flat.length % 3 === 0, 'statements are not triples');
  const log: StatementLog = { ranges, thread: [], t: [], range: [] };
  let t = 0;
  for (let i = 0; i < flat.length; i += 3) {
    t += flat[i + 1];
    at(ranges, flat[i + 2], 'statement range');
    log.thread.push(flat[i]);
    log.t.push(t);
    log.range.push(flat[i + 2]);
  }
  return log;
}
