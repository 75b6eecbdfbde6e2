/**
 * The events at the playhead's instant, as a row of small buttons under the toolbar: stepping
 * with ←/→ reads like a trace. A button with a source range reveals its statement.
 */
import type { SourceRange } from '../../../server/src/language/model';
import type { TraceEvent } from '../../../server/src/simulator/trace';
import { el } from './dom';

/** Most events listed for one instant; the rest are counted. */
const MAX_SHOWN = 12;

/** Who an event is about: its thread (`process/thread` when `qualify`), else its LWP, its process or its CPU. */
export function eventWho(e: TraceEvent, qualify = false): string {
  if (e.thread !== null) return qualify && e.process !== null ? `${e.process}/${e.thread}` : e.thread;
  return e.lwp !== null
    ? `${e.process ?? ''} LWP ${e.lwp}`.trim()
    : (e.process ?? (e.cpu !== null ? `CPU ${e.cpu}` : ''));
}

/** What an event is, without who: `io`, `lock m`, `lwp create`. */
export function eventWhat(e: TraceEvent): string {
  return `${e.kind.replace(/_/g, ' ')}${e.mutex !== null ? ` ${e.mutex}` : ''}`;
}

/** Short text for an event: `reader[0] io`, `server LWP 2 lwp_create`, `CPU 1 ipi`. */
export function eventText(e: TraceEvent, qualify = false): string {
  return `${eventWho(e, qualify)} ${eventWhat(e)}`.trim();
}

/** Index of the first event at or after t (events sorted by time). */
export function firstEventAt(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EventsStrip {
  readonly element: HTMLElement;
  private events: readonly TraceEvent[] = [];
  private shownAt: number | null = null;
  /** Threads named with their process (several processes have threads of one name). */
  private qualify = false;

  constructor(private readonly reveal: (r: SourceRange) => void) {
    this.element = el('div', {
      className: 'ts-events',
      attrs: { 'aria-live': 'polite', 'aria-label': 'Events at the playhead' },
    });
  }

  setEvents(events: readonly TraceEvent[], qualify = false): void {
    this.qualify = qualify;
    // A run's events come in time order; anything else is sorted.
    this.events = events.every((e, i) => i === 0 || events[i - 1].t <= e.t)
      ? events
      : [...events].sort((a, b) => a.t - b.t);
    this.shownAt = null;
  }

  /** Lists the events of instant floor(t), when it holds any. */
  setTime(t: number): void {
    const at = Math.floor(t);
    if (at === this.shownAt) return;
    this.shownAt = at;
    const items: HTMLElement[] = [el('span', { className: 'ts-events-at', text: `t = ${at}` })];
    // One chip per thread (or LWP, process, CPU), its events in order: no name repeated.
    const groups = new Map<string, HTMLElement>();
    let i = firstEventAt(this.events, at);
    let n = 0;
    for (; i < this.events.length && this.events[i].t === at; i++, n++) {
      if (n >= MAX_SHOWN) continue;
      const e = this.events[i];
      const who = eventWho(e, this.qualify);
      let g = groups.get(who);
      if (!g) {
        g = el('span', { className: 'ts-evgroup' }, [el('span', { className: 'ts-evwho', text: who })]);
        groups.set(who, g);
        items.push(g);
      }
      const b = el('button', {
        className: 'ts-event',
        text: eventWhat(e),
        attrs: { type: 'button', 'data-kind': e.kind, title: e.detail ?? eventText(e, this.qualify) },
      });
      const range = e.range;
      if (range) b.addEventListener('click', () => this.reveal(range));
      else b.disabled = true;
      g.append(b);
    }
    if (n === 0) items.push(el('span', { className: 'ts-empty', text: 'no event at this instant' }));
    if (n > MAX_SHOWN) items.push(el('span', { className: 'ts-empty', text: `and ${n - MAX_SHOWN} more` }));
    this.element.replaceChildren(...items);
  }
}
