/**
 * The Findings tab: the last exploration's findings (deadlock, hang, inversion or fault that
 * some schedule reaches), each a button that replays its schedule; above them how far the search
 * got. Reuses the diagnostics list's look.
 */
import type { FindingItem, FindingsMessage } from '../protocol';
import { el } from './dom';

export class FindingsView {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(private readonly replay: (f: FindingItem) => void) {
    this.summary = el('p', { className: 'ts-findings-summary' });
    this.list = el('ul', { className: 'ts-diagnostics ts-findings', attrs: { 'aria-label': 'Findings' } });
    this.element = el('section', { attrs: { 'aria-labelledby': 'ts-findings-title' } }, [
      el('h2', { className: 'ts-visually-hidden', text: 'Findings', attrs: { id: 'ts-findings-title' } }),
      this.summary,
      this.list,
    ]);
    this.set(null);
  }

  /** The findings of the last exploration, or null before any arrived. */
  set(m: Pick<FindingsMessage, 'findings' | 'search'> | null): void {
    const n = m?.findings.length ?? 0;
    this.summary.textContent =
      m === null
        ? 'No exploration of this version yet: its findings (a deadlock, hang, inversion or fault that some schedule reaches) are listed here.'
        : n > 0
          ? `${n} finding${n === 1 ? '' : 's'}; each replays the schedule that shows it.`
          : m.search?.complete
            ? `No deadlock, hang, inversion or fault in any schedule (${m.search.states.toLocaleString('en-US')} states).`
            : m.search
              ? `Nothing found in the ${m.search.states.toLocaleString('en-US')} states searched before the search stopped${m.search.stoppedBy ? ` (${m.search.stoppedBy} limit)` : ''}.`
              : 'No findings.';
    this.list.replaceChildren(...(m?.findings ?? []).map((f) => this.item(f)));
  }

  private item(f: FindingItem): HTMLElement {
    const when = f.time !== null ? `t = ${f.time}` : '';
    const departs = f.departures?.length ?? 0;
    const b = el(
      'button',
      {
        attrs: {
          type: 'button',
          'data-code': f.code,
          'aria-label': `Replay ${f.code}${when ? ` at ${when}` : ''}: ${f.message}`,
          title: f.departures?.join('\n') ?? '',
        },
      },
      [
        el('span', { className: 'ts-code', text: f.code }),
        el('span', { className: 'ts-msg', text: f.message }),
        el('span', {
          className: 'ts-where',
          text: [when, departs > 0 ? `${departs} departure${departs === 1 ? '' : 's'}` : '']
            .filter(Boolean)
            .join(' · '),
        }),
      ],
    );
    b.addEventListener('click', () => this.replay(f));
    return el('li', {}, [b]);
  }
}
