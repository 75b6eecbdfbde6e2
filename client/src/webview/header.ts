/** The page heading: the scenario's name, the outcome, the run's main counters, a status line. */
import type { RunResult } from '../../../server/src/simulator/trace';
import { summarizeOutcome } from '../../../server/src/simulator/outcome';
import { el } from './dom';

export class Header {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;

  constructor() {
    this.title = el('h1', { text: 'Threadscape' });
    this.summary = el('div', { className: 'ts-summary' });
    this.status = el('div', { className: 'ts-status', attrs: { role: 'status' } });
    this.status.hidden = true;
    this.element = el('header', {}, [this.title, this.summary, this.status]);
  }

  /** Sets the heading (and the document title) as text. */
  setTitle(text: string): void {
    this.title.textContent = text;
    document.title = `Threadscape: ${text}`;
  }

  /** Shows the outcome and counters of a run. */
  setRun(r: RunResult): void {
    const c = r.counters;
    const s = summarizeOutcome(r);
    const parts = [
      `${r.threads.length} threads`,
      `${r.cpus.length} CPU${r.cpus.length === 1 ? '' : 's'}`,
      `${c.switches} switches (${c.processSwitches} between processes)`,
      `${c.upcalls} upcalls`,
      `${c.ipis} IPIs`,
      `${c.lwpsCreated} LWPs created, ${c.lwpsReclaimed} reclaimed`,
    ];
    const rec = r.recording;
    const notice =
      rec && !rec.complete
        ? [
            el('span', {
              className: 'ts-recording',
              text: `Recorded up to t=${rec.until} only (${rec.events.toLocaleString('en-US')} events, the cap); the outcome and counts cover the whole run to t=${r.endTime}.`,
              attrs: { role: 'note' },
            }),
          ]
        : [];
    // The counters in words: the tooltip of a heading too narrow to show them all.
    this.summary.title = [s.text, ...parts].join(' · ');
    this.summary.replaceChildren(
      el('span', {
        className: 'ts-outcome',
        text: s.text,
        attrs: { 'data-outcome': r.outcome, 'data-tone': s.tone, 'aria-label': `outcome: ${s.text}` },
      }),
      ...parts.map((p) => el('span', { text: p })),
      ...notice,
    );
  }

  /** A status line (simulating, errors in the file), or none. */
  setStatus(text: string | null, kind: 'info' | 'error' = 'info'): void {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
    this.status.dataset.kind = kind;
  }
}
