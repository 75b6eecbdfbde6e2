/**
 * What a run records when a host asks for it: the one recorded form every view reads (docs/reference/cli.md's
 * events, the lanes' spans, the process stalls and the statements each thread reached). The
 * CPU lanes and what an LWP shows while it runs are not recorded: `deriveSpans` makes them
 * from the thread and LWP lanes, so the lanes cannot contradict one another.
 *
 * Recording is bounded (docs/reference/cli.md, `--max-recorded`): past the cap it stops at an instant T and
 * keeps everything before T, nothing at or after it, while the run goes on. Nothing is kept
 * when no host asks, so memory does not grow with the horizon.
 */
import type { LwpRt, ThreadRt } from './entities';
import type {
  EventKind,
  LaneRef,
  RecordingInfo,
  Span,
  SpanState,
  StallInterval,
  StatementLog,
  TraceEvent,
} from './trace';
import type { SourceRange } from '../language/model';
import { RecordedStatements, type StatementsMark } from './recorded-statements';

/** The default cap on recorded events (docs/reference/cli.md). */
export const DEFAULT_MAX_RECORDED = 1_000_000;

/** Spans or statements recorded per event allowed, at most, before recording stops anyway. */
const PER_EVENT = 4;

/** The optional fields of a span. */
export type SpanExtra = Partial<Omit<Span, 'lane' | 'start' | 'end' | 'state'>>;

interface OpenSpan {
  start: number;
  state: SpanState;
  extra: SpanExtra | undefined;
}

/** Optional fields of an event. */
export interface EventInfo {
  cpu?: number | null;
  lwp?: LwpRt | null;
  mutex?: string | null;
  detail?: string;
  range?: SourceRange | null;
  process?: string;
  /** Index of the causing event (-1 or undefined: none known). */
  cause?: number;
}

/** Where recording stopped: the instant, and how many events came before it (kept, and counted). */
interface Stop {
  until: number;
  events: number;
  counted: number;
}

/** Counts of events: all, those before the current instant, and those up to the last one of a thread. */
interface Counts {
  all: number;
  instant: number;
  instantStart: number;
  toThread: number;
}

/** Where a recording stood (`Recorder.mark`), to return to it (`rewind`) when a run is restored. */
export interface RecorderMark {
  events: number;
  counts: Counts;
  spans: number;
  lanes: number;
  open: readonly (OpenSpan | null)[];
  stalls: number;
  statements: StatementsMark;
  stop: Stop | null;
  visible: number | null;
  visibleCounted: number | null;
  pending: ReadonlyMap<string, number>;
}

function sameExtra(a: SpanExtra | undefined, b: SpanExtra | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  for (const k in a) if (a[k as keyof SpanExtra] !== b[k as keyof SpanExtra]) return false;
  for (const k in b) if (!(k in a) && b[k as keyof SpanExtra] !== undefined) return false;
  return true;
}

function makeSpan(lane: LaneRef, start: number, end: number, state: SpanState, extra: SpanExtra | undefined): Span {
  const span: Span = { lane, start, end, state };
  if (extra)
    for (const k in extra) {
      const v = extra[k as keyof SpanExtra];
      if (v !== undefined) (span as unknown as Record<string, unknown>)[k] = v;
    }
  return span;
}

export class Recorder {
  private readonly eventList: TraceEvent[] = [];
  readonly spanList: Span[] = [];
  readonly stallList: StallInterval[] = [];
  readonly statements = new RecordedStatements();
  private readonly refs: LaneRef[] = [];
  private readonly open: (OpenSpan | null)[] = [];
  /** Events counted, kept or not (the cap applies to them). */
  private counts: Counts = { all: 0, instant: -1, instantStart: 0, toThread: 0 };
  private stop: Stop | null = null;
  /** Events shown (the run's end drops the threadless ones after its last thread event). */
  private visible: number | null = null;
  private visibleCounted: number | null = null;
  /** Causes waiting for the event they cause: `cpu:N`, `lwp:G` (a signal's preemption), `new:G` (an upcall's LWP). */
  private pending = new Map<string, number>();
  private readonly maxEvents: number;

  constructor(
    private readonly clock: { readonly now: number },
    readonly keepEvents: boolean,
    readonly spans: boolean,
    maxEvents = DEFAULT_MAX_RECORDED,
  ) {
    this.maxEvents = Math.max(0, Math.floor(maxEvents));
  }

  /** False once the cap stopped recording. */
  get recording(): boolean {
    return this.stop === null;
  }

  /**
   * Where the recording stands. What it has recorded is only ever appended to, and open spans
   * are replaced, never changed: a mark is a few lengths and a copy of the open spans.
   */
  mark(): RecorderMark {
    return {
      events: this.eventList.length,
      counts: { ...this.counts },
      spans: this.spanList.length,
      lanes: this.refs.length,
      open: [...this.open],
      stalls: this.stallList.length,
      statements: this.statements.mark(),
      stop: this.stop,
      visible: this.visible,
      visibleCounted: this.visibleCounted,
      pending: new Map(this.pending),
    };
  }

  /** Returns the recording to a mark taken earlier in the same run. */
  rewind(m: RecorderMark): void {
    this.eventList.length = m.events;
    this.counts = { ...m.counts };
    this.spanList.length = m.spans;
    this.refs.length = m.lanes;
    this.open.length = m.open.length;
    for (let i = 0; i < m.open.length; i++) this.open[i] = m.open[i];
    this.stallList.length = m.stalls;
    this.statements.rewind(m.statements);
    this.stop = m.stop;
    this.visible = m.visible;
    this.visibleCounted = m.visibleCounted;
    this.pending = new Map(m.pending);
  }

  /** Registers a lane; returns its index (or -1 when spans are not recorded). */
  addLane(ref: LaneRef): number {
    if (!this.spans) return -1;
    this.refs.push(ref);
    this.open.push(null);
    return this.refs.length - 1;
  }

  /** The lane is in `state` from now on (null: nothing to draw). */
  lane(idx: number, state: SpanState | null, extra?: SpanExtra): void {
    if (idx < 0 || this.stop !== null) return;
    const cur = this.open[idx];
    if (cur !== null && state !== null && cur.state === state && sameExtra(cur.extra, extra)) return;
    const t = this.clock.now;
    if (cur !== null && t > cur.start) this.spanList.push(makeSpan(this.refs[idx], cur.start, t, cur.state, cur.extra));
    this.open[idx] = state === null ? null : { start: t, state, extra };
    if (this.spanList.length > this.maxEvents * PER_EVENT) this.halt();
  }

  /** A process stalled over [start, end). */
  stall(process: string, start: number, end: number): void {
    if (!this.spans || end <= start) return;
    const until = this.stop?.until ?? Infinity;
    if (start < until) this.stallList.push({ process, start, end: Math.min(end, until) });
  }

  /** The thread reached a statement (thread index, statement range). */
  statement(thread: number, range: SourceRange): void {
    if (!this.spans || this.stop !== null) return;
    this.statements.add(thread, this.clock.now, range);
    if (this.statements.size > this.maxEvents * PER_EVENT) this.halt();
  }

  /** Stops recording at the current instant: what was recorded at it is dropped. */
  private halt(): void {
    const t = this.clock.now;
    let n = this.eventList.length;
    while (n > 0 && this.eventList[n - 1].t >= t) n--;
    const c = this.counts;
    this.stop = { until: t, events: n, counted: c.instant === t ? c.instantStart : c.all };
  }

  /** Closes every open span at t (end of the run or of a slice); nothing is drawn past t or the cap. */
  closeAll(t: number): Span[] {
    const end = Math.min(t, this.stop?.until ?? Infinity);
    const out: Span[] = [];
    for (const s of this.spanList) {
      if (s.start >= end) continue;
      out.push(s.end > end ? { ...s, end } : s);
    }
    for (let i = 0; i < this.open.length; i++) {
      const s = this.open[i];
      if (s !== null && end > s.start) out.push(makeSpan(this.refs[i], s.start, end, s.state, s.extra));
    }
    return out;
  }

  /**
   * The state each lane is in at t, the end of a complete recording (its open span, from its
   * start to t: zero-length when it began at t). Empty once the cap stopped recording.
   */
  finalStates(t: number): Span[] {
    if (this.stop !== null) return [];
    const out: Span[] = [];
    for (let i = 0; i < this.open.length; i++) {
      const s = this.open[i];
      if (s !== null && s.start <= t) out.push(makeSpan(this.refs[i], s.start, t, s.state, s.extra));
    }
    return out;
  }

  /** The statements reached up to t (the run's end), and before the cap. */
  statementsUntil(t: number): StatementLog {
    const stop = this.stop;
    return stop !== null && stop.until <= t ? this.statements.until(stop.until, false) : this.statements.until(t, true);
  }

  /** Drops the events recorded after the last one that concerns a thread (docs/reference/language.md §9). */
  dropTrailingThreadless(): void {
    let n = this.visible ?? this.eventList.length;
    while (n > 0 && this.eventList[n - 1].thread === null) n--;
    this.visible = n;
    this.visibleCounted = this.counts.toThread;
  }

  /** The recorded events (up to the cap and the run's last thread event). */
  events(): TraceEvent[] {
    const n = Math.min(this.visible ?? Infinity, this.stop?.events ?? Infinity, this.eventList.length);
    return this.eventList.slice(0, n);
  }

  /** docs/reference/cli.md's `recording` field. */
  info(): RecordingInfo {
    const events = Math.min(this.stop?.counted ?? Infinity, this.visibleCounted ?? Infinity, this.counts.all);
    return { events, complete: this.stop === null, until: this.stop?.until ?? null };
  }

  /** A cause to attach to a later event (`cpu:N`, `lwp:G`, `new:G`); -1 forgets it. */
  expect(key: string, cause: number): void {
    if (cause < 0) this.pending.delete(key);
    else this.pending.set(key, cause);
  }

  /** The cause waiting under `key` (-1 when none), forgotten once taken. */
  take(key: string): number {
    const c = this.pending.get(key);
    if (c === undefined) return -1;
    this.pending.delete(key);
    return c;
  }

  /**
   * Records an event (docs/reference/cli.md shape: fields that do not apply are null); returns its index, or
   * -1 when events are not kept or recording has stopped.
   */
  event(kind: EventKind, th: ThreadRt | null, info: EventInfo = {}): number {
    if (this.stop !== null) return -1;
    const c = this.counts;
    const now = this.clock.now;
    if (c.instant !== now) {
      c.instant = now;
      c.instantStart = c.all;
    }
    if (c.all >= this.maxEvents) {
      this.halt();
      return -1;
    }
    c.all++;
    if (th !== null) c.toThread = c.all;
    if (!this.keepEvents) return -1;
    const l = info.lwp !== undefined ? info.lwp : (th?.lwp ?? null);
    const ev: TraceEvent = {
      t: now,
      kind,
      process: th ? th.proc.spec.name : (info.process ?? l?.proc.spec.name ?? null),
      thread: th ? th.name : null,
      lwp: l ? l.id : null,
      cpu: info.cpu !== undefined ? info.cpu : (l?.cpu?.id ?? null),
      mutex: info.mutex ?? null,
      range: info.range !== undefined ? info.range : (th?.atStmt?.range ?? null),
    };
    if (info.detail !== undefined) ev.detail = info.detail;
    if (info.cause !== undefined && info.cause >= 0) ev.cause = info.cause;
    this.eventList.push(ev);
    return this.eventList.length - 1;
  }
}
