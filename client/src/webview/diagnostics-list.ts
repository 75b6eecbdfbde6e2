/**
 * The run's diagnostics as a list of buttons: a click reveals the statement in the editor
 * (or in the standalone page's source) and moves the playhead to the diagnostic's tick.
 */
import type { Diagnostic } from '../../../server/src/language/diagnostic';
import { el } from './dom';

export interface DiagnosticCallbacks {
  open(d: Diagnostic): void;
}

/** Diagnostics of the run and of the analysis, deduplicated by code, range and message. */
export function mergeDiagnostics(run: readonly Diagnostic[], other: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...run, ...other]) {
    const r = d.range;
    const key = `${d.code}|${r.start.line}:${r.start.character}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export class DiagnosticsList {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(private readonly cb: DiagnosticCallbacks) {
    this.list = el('ul', { className: 'ts-diagnostics', attrs: { 'aria-label': 'Diagnostics' } });
    this.element = el('section', { attrs: { 'aria-labelledby': 'ts-diag-title' } }, [
      // The tab names the list: the heading is for screen readers only.
      el('h2', { className: 'ts-visually-hidden', text: 'Diagnostics', attrs: { id: 'ts-diag-title' } }),
      this.list,
    ]);
  }

  set(diags: readonly Diagnostic[]): void {
    if (diags.length === 0) {
      this.list.replaceChildren(el('li', { className: 'ts-empty', text: 'No diagnostics.' }));
      return;
    }
    this.list.replaceChildren(
      ...diags.map((d) => {
        const line = d.range.start.line + 1;
        const col = d.range.start.character + 1;
        const where = d.time !== null ? `line ${line}:${col} · t = ${d.time}` : `line ${line}:${col}`;
        const b = el(
          'button',
          {
            attrs: {
              type: 'button',
              'data-code': d.code,
              'aria-label': `${d.severity} ${d.code} at ${where}: ${d.message}`,
            },
          },
          [
            el('span', { className: 'ts-sev', text: d.severity, attrs: { 'data-severity': d.severity } }),
            el('span', { className: 'ts-code', text: d.code }),
            el('span', { className: 'ts-msg', text: d.message }),
            el('span', { className: 'ts-where', text: where }),
          ],
        );
        b.addEventListener('click', () => this.cb.open(d));
        return el('li', {}, [b]);
      }),
    );
  }
}
