/**
 * Compare models: the runs of one scenario under each threading model, their timelines stacked
 * on one time axis (zoom and pan move them together, one playhead), each under a heading naming
 * its model, then the teaching core's table (per thread finish, response and waiting times; per
 * run the outcome and counts; the values that differ between the runs marked) and the notes on
 * the settings a model could not take.
 */
import type { SourceRange } from '../../../server/src/language/model';
import { summarizeOutcome } from '../../../server/src/simulator/outcome';
import { droppedLines } from '../../../server/src/cli/compare-format';
import type { Comparison, ComparisonTable, RunFact } from '../../../server/src/teaching/compare';
import type { Palette } from './colours';
import { el } from './dom';
import { buildLanes, drawnEnd } from './lanes';
import type { Stop } from './playback';
import { indexRun } from './run-index';
import { Timeline } from './timeline';
import type { Viewport } from './viewport';

const FACTS: [RunFact, string][] = [
  ['outcome', 'outcome'],
  ['endTime', 'end time'],
  ['switches', 'switches'],
  ['upcalls', 'upcalls'],
  ['ipis', 'IPIs'],
  ['lwps', 'LWPs'],
  ['stalls', 'stalls'],
];
const METRICS = [
  ['finish', 'finish'],
  ['response', 'response'],
  ['waiting', 'waiting'],
] as const;

export interface CompareCallbacks {
  seek(t: number): void;
  reveal(range: SourceRange): void;
}

export class CompareView {
  readonly element: HTMLElement;
  private timelines: Timeline[] = [];

  constructor(
    private palette: Palette,
    private readonly cb: CompareCallbacks,
  ) {
    this.element = el('div', { className: 'ts-compare' });
  }

  /** Shows a comparison; returns the common end (the longest run's drawn end). */
  set(c: Comparison, table: ComparisonTable): number {
    const built = c.runs.map((r) => {
      const groups = buildLanes(r.result);
      return { r, groups, index: indexRun(r.result, groups) };
    });
    const end = Math.max(1, ...built.map((b) => drawnEnd(b.groups, b.r.result.endTime)));
    this.timelines = built.map(
      () => new Timeline(this.palette, { seek: (t) => this.cb.seek(t), viewed: (v) => this.follow(v) }),
    );
    const lanes = built.map((b, k) => {
      const s = summarizeOutcome(b.r.result);
      const deadlocks = (b.r.result.events ?? []).filter((e) => e.kind === 'deadlock').map((e) => e.t);
      this.timelines[k].setRun(b.groups, end, deadlocks, b.index);
      const id = `ts-cmp-${k}`;
      return el('section', { className: 'ts-cmp-run', attrs: { 'aria-labelledby': id, 'data-model': b.r.model } }, [
        el('h3', { className: 'ts-cmp-title', attrs: { id } }, [
          el('span', { className: 'ts-cmp-model', text: b.r.model }),
          el('span', { className: 'ts-outcome', text: s.text, attrs: { 'data-tone': s.tone } }),
          ...(b.r.stopped ? [el('span', { className: 'ts-note', text: 'stopped before the end' })] : []),
        ]),
        this.timelines[k].element,
      ]);
    });
    this.element.replaceChildren(...lanes, this.tables(c, table), this.notes(c));
    return end;
  }

  private follow(v: Viewport): void {
    for (const t of this.timelines) t.setView(v);
  }

  setTime(t: number, revealed = Infinity): void {
    for (const tl of this.timelines) tl.setTime(t, revealed);
  }

  setStops(stops: readonly Stop[]): void {
    for (const tl of this.timelines) tl.setStops(stops);
  }

  zoom(f: number): void {
    for (const tl of this.timelines) tl.zoom(f);
  }

  fit(): void {
    for (const tl of this.timelines) tl.fit();
  }

  setPalette(p: Palette): void {
    this.palette = p;
    for (const tl of this.timelines) tl.setPalette(p);
  }

  private tables(c: Comparison, t: ComparisonTable): HTMLElement {
    const multi = new Set(t.threads.map((r) => r.process)).size > 1;
    const models = c.models;
    const head = el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'thread', attrs: { rowspan: '2', scope: 'col' } }),
        ...METRICS.map(([, name]) =>
          el('th', { text: name, attrs: { colspan: String(models.length), scope: 'colgroup' } }),
        ),
      ]),
      el(
        'tr',
        {},
        METRICS.flatMap(() => models.map((m) => el('th', { text: m, attrs: { scope: 'col' } }))),
      ),
    ]);
    const cell = (v: string | number | null, differs: boolean) =>
      el('td', { className: differs ? 'ts-differs' : '' }, [
        document.createTextNode(v === null ? '–' : String(v)),
        ...(differs ? [el('span', { className: 'ts-visually-hidden', text: ' (differs)' })] : []),
      ]);
    const rows = t.threads.map((r) =>
      el('tr', {}, [
        el('th', { text: multi ? `${r.process}/${r.thread}` : r.thread, attrs: { scope: 'row' } }),
        ...METRICS.flatMap(([key]) => r[key].map((v) => cell(v, r.differs[key]))),
      ]),
    );
    const facts = el('table', { className: 'ts-cmp-table' }, [
      el('thead', {}, [
        el('tr', {}, [
          el('th', { text: 'run', attrs: { scope: 'col' } }),
          ...models.map((m) => el('th', { text: m, attrs: { scope: 'col' } })),
        ]),
      ]),
      el(
        'tbody',
        {},
        FACTS.map(([key, name]) =>
          el('tr', {}, [
            el('th', { text: name, attrs: { scope: 'row' } }),
            ...t.runs.map((r) => cell(r[key], t.runDiffers[key])),
          ]),
        ),
      ),
    ]);
    return el('section', { className: 'ts-cmp-tables', attrs: { 'aria-label': 'Comparison' } }, [
      el('p', { className: 'ts-note', text: 'Values that differ between the models are marked.' }),
      el('div', { className: 'ts-table-scroll' }, [
        el('table', { className: 'ts-cmp-table', attrs: { 'aria-label': 'Times per thread' } }, [
          head,
          el('tbody', {}, rows),
        ]),
      ]),
      el('div', { className: 'ts-table-scroll' }, [facts]),
    ]);
  }

  /** The settings a model could not take, each revealing where the file sets it. */
  private notes(c: Comparison): HTMLElement {
    const ranges = c.runs.flatMap((r) => r.dropped.map((d) => d.range));
    const lines = droppedLines(c);
    if (lines.length === 0)
      return el('p', { className: 'ts-note', text: 'Every model takes every setting of the file.' });
    return el('section', { className: 'ts-cmp-notes', attrs: { 'aria-label': 'Dropped settings' } }, [
      el('h3', { text: 'Settings a model cannot take (dropped from its run)' }),
      el(
        'ul',
        { className: 'ts-diagnostics' },
        lines.map((text, k) => {
          const b = el('button', { text, attrs: { type: 'button' } });
          b.addEventListener('click', () => this.cb.reveal(ranges[k]));
          return el('li', {}, [b]);
        }),
      ),
    ]);
  }
}
