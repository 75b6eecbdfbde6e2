/**
 * The events at the playhead's instant, as a row of small buttons under the toolbar: stepping
 * with ←/→ reads like a trace. A button with a source range reveals its statement.
 */
import type { SourceRange } from '../../../server/src/language/model';
import type { TraceEvent } from '../../../server/src/simulator/trace';
import { el } from './dom';

/** Most events listed for one instant; the rest are counted. */
const MAX_SHOWN = 12;

/** Short text for an event: `reader[0] io`, `server LWP 2 lwp_create`, `CPU 1 ipi`. */
export function eventText(e: TraceEvent): string {
  const who =
    e.thread ??
    (e.lwp !== null ? `${e.process ?? ''} LWP ${e.lwp}`.trim() : (e.process ?? (e.cpu !== null ? `CPU ${e.cpu}` : '')));
  const what = e.kind.replace(/_/g, ' ');
  const obj = e.mutex !== null ? ` ${e.mutex}` : '';
  return `${who} ${what}${obj}`.trim();
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

  constructor(private readonly reveal: (r: SourceRange) => void) {
    this.element = el('div', {
      className: 'ts-events',
      attrs: { 'aria-live': 'polite', 'aria-label': 'Events at the playhead' },
    });
  }

  setEvents(events: readonly TraceEvent[]): void {
    this.events = [...events].sort((a, b) => a.t - b.t);
    this.shownAt = null;
  }

  /** Lists the events of instant floor(t), when it holds any. */
  setTime(t: number): void {
    const at = Math.floor(t);
    if (at === this.shownAt) return;
    this.shownAt = at;
    const items: HTMLElement[] = [el('span', { className: 'ts-events-at', text: `t = ${at}` })];
    let i = firstEventAt(this.events, at);
    let n = 0;
    for (; i < this.events.length && this.events[i].t === at; i++, n++) {
      if (n >= MAX_SHOWN) continue;
      const e = this.events[i];
      const b = el('button', {
        className: 'ts-event',
        text: eventText(e),
        attrs: { type: 'button', 'data-kind': e.kind, title: e.detail ?? eventText(e) },
      });
      const range = e.range;
      if (range) b.addEventListener('click', () => this.reveal(range));
      else b.disabled = true;
      items.push(b);
    }
    if (n === 0) items.push(el('span', { className: 'ts-empty', text: 'no event at this instant' }));
    if (n > MAX_SHOWN) items.push(el('span', { className: 'ts-empty', text: `and ${n - MAX_SHOWN} more` }));
    this.element.replaceChildren(...items);
  }
}
