/**
 * What a run records when a host asks for it: CLI.md's events and the spans the playback
 * panel draws. Nothing is kept otherwise, so memory does not grow with the horizon.
 */
import type { LwpRt, ThreadRt } from './entities';
import type { EventKind, LaneRef, Span, SpanState, TraceEvent } from './trace';
import type { SourceRange } from '../language/model';

interface OpenSpan {
  start: number;
  state: SpanState;
  key: string;
  extra: Partial<Span> | undefined;
}

/** Optional fields of an event. */
export interface EventInfo {
  cpu?: number | null;
  lwp?: LwpRt | null;
  mutex?: string | null;
  detail?: string;
  range?: SourceRange | null;
  process?: string;
}

/** Where a recording stood (`Recorder.mark`), to return to it (`rewind`) when a run is restored. */
export interface RecorderMark {
  events: number;
  shown: number | null;
  spans: number;
  lanes: number;
  open: readonly (OpenSpan | null)[];
}

export class Recorder {
  readonly events: TraceEvent[] = [];
  readonly spanList: Span[] = [];
  private readonly refs: LaneRef[] = [];
  private readonly open: (OpenSpan | null)[] = [];

  constructor(
    private readonly clock: { readonly now: number },
    readonly keepEvents: boolean,
    readonly spans: boolean,
  ) {}

  /**
   * Where the recording stands. What it has recorded is only ever appended to, and open spans
   * are replaced, never changed: a mark is a few lengths and a copy of the open spans.
   */
  mark(): RecorderMark {
    return {
      events: this.events.length,
      shown: this.shown,
      spans: this.spanList.length,
      lanes: this.refs.length,
      open: [...this.open],
    };
  }

  /** Returns the recording to a mark taken earlier in the same run. */
  rewind(m: RecorderMark): void {
    this.events.length = m.events;
    this.shown = m.shown;
    this.spanList.length = m.spans;
    this.refs.length = m.lanes;
    this.open.length = 0;
    this.open.push(...m.open);
  }

  /** Registers a lane; returns its index (or -1 when spans are not recorded). */
  addLane(ref: LaneRef): number {
    if (!this.spans) return -1;
    this.refs.push(ref);
    this.open.push(null);
    return this.refs.length - 1;
  }

  /** The lane is in `state` from t on (null: nothing to draw). */
  lane(idx: number, t: number, state: SpanState | null, extra?: Partial<Span>): void {
    if (idx < 0) return;
    const key = state === null ? '' : extra === undefined ? state : `${state}|${JSON.stringify(extra)}`;
    const cur = this.open[idx];
    if (cur !== null && cur.key === key) return;
    if (cur !== null) this.close(idx, cur, t);
    this.open[idx] = state === null ? null : { start: t, state, key, extra };
  }

  private close(idx: number, s: OpenSpan, t: number): void {
    if (t <= s.start) return;
    const span: Span = { lane: this.refs[idx], start: s.start, end: t, state: s.state };
    if (s.extra) {
      for (const [k, v] of Object.entries(s.extra))
        if (v !== undefined) (span as unknown as Record<string, unknown>)[k] = v;
    }
    this.spanList.push(span);
  }

  /**
   * The events the result shows: those up to the last one that concerns a thread, once the run
   * ended at its last thread event (LANGUAGE.md §9); null: all of them.
   */
  private shown: number | null = null;

  /** Leaves out of the result the events recorded after the last one that concerns a thread. */
  dropTrailingThreadless(): void {
    const ev = this.events;
    let n = ev.length;
    while (n > 0 && ev[n - 1].thread === null) n--;
    this.shown = n;
  }

  /** The events of the result. */
  shownEvents(): TraceEvent[] {
    return this.events.slice(0, this.shown ?? this.events.length);
  }

  /** Closes every open span at t (end of the run or of a slice); nothing is drawn past t. */
  closeAll(t: number): Span[] {
    const out: Span[] = [];
    for (const s of this.spanList) {
      if (s.start >= t) continue;
      out.push(s.end > t ? { ...s, end: t } : s);
    }
    for (let i = 0; i < this.open.length; i++) {
      const s = this.open[i];
      if (s !== null && t > s.start) {
        const span: Span = { lane: this.refs[i], start: s.start, end: t, state: s.state };
        if (s.extra)
          for (const [k, v] of Object.entries(s.extra))
            if (v !== undefined) (span as unknown as Record<string, unknown>)[k] = v;
        out.push(span);
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Records an event (CLI.md shape: fields that do not apply are null). */
  event(kind: EventKind, th: ThreadRt | null, info: EventInfo = {}): void {
    if (!this.keepEvents) return;
    const l = info.lwp !== undefined ? info.lwp : (th?.lwp ?? null);
    const ev: TraceEvent = {
      t: this.clock.now,
      kind,
      process: th ? th.proc.spec.name : (info.process ?? l?.proc.spec.name ?? null),
      thread: th ? th.name : null,
      lwp: l ? l.id : null,
      cpu: info.cpu !== undefined ? info.cpu : (l?.cpu?.id ?? null),
      mutex: info.mutex ?? null,
      range: info.range !== undefined ? info.range : (th?.atStmt?.range ?? null),
    };
    if (info.detail !== undefined) ev.detail = info.detail;
    this.events.push(ev);
  }
}
