/**
 * The step trace: every recorded event as a row (instant, who, what), in a virtualised list
 * (only the rows in view exist, so a million events cost what fifty do), with the current
 * step selected. A click selects an event and moves the playhead there; ↑/↓ step, Enter
 * shows the event's statement. Events after what is revealed are not listed.
 */
import type { SourceRange } from '../../../server/src/language/model';
import type { TraceEvent } from '../../../server/src/simulator/trace';
import { el } from './dom';
import { eventText } from './events-strip';
import type { PlaybackAction, PlaybackState } from './playback';

export const STEP_ROW_H = 22;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 8;

export interface StepsCallbacks {
  dispatch(a: PlaybackAction): void;
  reveal(range: SourceRange): void;
}

/** The first index i with events[i].t > t (binary search). */
function countUpTo(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class StepsView {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly empty: HTMLElement;
  private events: readonly TraceEvent[] = [];
  /** Rows listed: the events up to what is revealed. */
  private shown = 0;
  private selected = -1;
  private drawn = '';
  private qualify = false;

  constructor(private readonly cb: StepsCallbacks) {
    this.rows = el('div', { className: 'ts-step-rows' });
    this.spacer = el('div', { className: 'ts-step-spacer' }, [this.rows]);
    this.scroller = el('div', {
      className: 'ts-steps-list',
      attrs: { role: 'listbox', tabindex: '0', 'aria-label': 'Events, one per step' },
    });
    this.scroller.append(this.spacer);
    this.empty = el('p', { className: 'ts-empty', text: 'No events recorded.' });
    this.element = el('div', { className: 'ts-steps' }, [this.empty, this.scroller]);
    this.scroller.addEventListener('scroll', () => this.draw());
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.rows.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (row) this.cb.dispatch({ type: 'selectStep', index: Number(row.dataset.index) });
    });
    this.rows.addEventListener('dblclick', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      const range = row ? this.events[Number(row.dataset.index)]?.range : null;
      if (range) this.cb.reveal(range);
    });
    new ResizeObserver(() => this.draw()).observe(this.scroller);
  }

  /** The run's events; `qualify`: name threads with their process. */
  setEvents(events: readonly TraceEvent[], qualify = false): void {
    this.events = events;
    this.qualify = qualify;
    this.drawn = '';
  }

  /** Follows the playback state: the rows revealed, the current step kept in view. */
  update(s: PlaybackState): void {
    const shown = countUpTo(this.events, s.revealed);
    const moved = s.step !== this.selected;
    this.shown = shown;
    this.selected = s.step;
    this.empty.hidden = shown > 0;
    this.scroller.hidden = shown === 0;
    this.spacer.style.height = `${shown * STEP_ROW_H}px`;
    if (moved && s.step >= 0) this.scrollTo(s.step);
    this.draw();
  }

  private scrollTo(i: number): void {
    const top = i * STEP_ROW_H;
    const h = this.scroller.clientHeight;
    if (h === 0) return;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + STEP_ROW_H > this.scroller.scrollTop + h) this.scroller.scrollTop = top + STEP_ROW_H - h;
  }

  private draw(): void {
    const h = this.scroller.clientHeight || 300;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / STEP_ROW_H) - OVERSCAN);
    const last = Math.min(this.shown, Math.ceil((this.scroller.scrollTop + h) / STEP_ROW_H) + OVERSCAN);
    const key = `${first}|${last}|${this.selected}|${this.shown}|${this.events.length}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) rows.push(this.row(i));
    this.rows.style.transform = `translateY(${first * STEP_ROW_H}px)`;
    this.rows.replaceChildren(...rows);
    this.scroller.setAttribute('aria-activedescendant', this.selected >= 0 ? `ts-step-${this.selected}` : '');
  }

  private row(i: number): HTMLElement {
    const e = this.events[i];
    const newInstant = i === 0 || this.events[i - 1].t !== e.t;
    return el(
      'div',
      {
        className: 'ts-step',
        attrs: {
          role: 'option',
          id: `ts-step-${i}`,
          'data-index': String(i),
          'data-kind': e.kind,
          'aria-selected': String(i === this.selected),
          'aria-posinset': String(i + 1),
          'aria-setsize': String(this.shown),
          title: e.detail ?? eventText(e, this.qualify),
        },
      },
      [
        el('span', { className: 'ts-step-t', text: newInstant ? `t=${e.t}` : '' }),
        el('span', { className: 'ts-step-what', text: eventText(e, this.qualify) }),
        el('span', { className: 'ts-step-detail', text: e.detail ?? '' }),
      ],
    );
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      this.cb.dispatch({ type: 'stepBy', delta: e.key === 'ArrowDown' ? 1 : -1 });
    } else if (e.key === 'Enter') {
      const range = this.events[this.selected]?.range;
      if (range) this.cb.reveal(range);
    }
  }
}
