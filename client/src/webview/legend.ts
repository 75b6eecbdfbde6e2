/** The key to the timeline: only what the run shows (its states, markers and marks), folded away on request. */
import type { EventKind, SpanState } from '../../../server/src/simulator/trace';
import { MARKER_GLYPHS, MARKER_NAMES } from './describe';
import { el } from './dom';
import type { Band } from './lane-bands';
import type { LaneGroup } from './lanes';
import type { RunIndex } from './run-index';

const STATES: [SpanState, string][] = [
  ['running', 'running'],
  ['ready', 'ready (thin)'],
  ['spinning', 'spinning (hatched)'],
  ['blocked', 'blocked'],
  ['io', 'in io'],
  ['sleeping', 'sleeping'],
  ['faulted', 'faulted (crossed)'],
  ['overhead', 'switch overhead (hatched)'],
  ['parked', 'LWP parked'],
  ['held', 'mutex held (hatched: waiters)'],
];

/** What the legend lists for a run (pure); `bands`: the timeline's bands by lane. */
export function legendItems(
  groups: readonly LaneGroup[],
  index: RunIndex,
  bands: ReadonlyMap<string, readonly Band[]> = new Map(),
): { states: SpanState[]; markers: EventKind[]; marks: string[] } {
  const seen = new Set<SpanState>();
  let lifted = false;
  for (const g of groups)
    for (const l of g.lanes)
      for (const s of l.spans) {
        seen.add(s.state);
        if (l.kind === 'thread' && s.priority !== undefined) lifted = true;
      }
  const markers = new Set<EventKind>();
  for (const g of groups) for (const l of g.lanes) for (const m of l.markers) markers.add(m.kind);
  const r = index.result;
  const marks: string[] = [];
  if (groups[0]?.lanes.some((l) => l.spans.length > 0)) marks.push('thread colours');
  if (lifted) marks.push('lifted priority');
  const kinds = new Set([...bands.values()].flatMap((list) => list.map((b) => b.kind)));
  if (kinds.has('kernel')) marks.push('KLT lifted');
  if (kinds.has('unseen')) marks.push('unseen');
  if ((r.inversions ?? []).length > 0) marks.push('priority inversion');
  if ((r.stalls ?? []).length > 0) marks.push('process stall');
  if (index.flows.length > 0) marks.push('cause');
  if (index.until !== null) marks.push('not recorded');
  return {
    states: STATES.map(([s]) => s).filter((s) => seen.has(s)),
    markers: (Object.keys(MARKER_GLYPHS) as EventKind[]).filter((k) => markers.has(k)),
    marks,
  };
}

const MARK_TEXT: Record<string, string> = {
  'thread colours': 'CPU and LWP bars: the colour of the thread they run',
  'lifted priority': 'band over a thread: priority lifted (inherit, ceiling)',
  'KLT lifted': 'band over an LWP: its KLT runs above its own priority',
  unseen: 'red band over an LWP: its thread is lifted, its KLT is not (the kernel does not see it)',
  'priority inversion': 'priority inversion',
  'process stall': 'process stall (every pool LWP in io)',
  cause: 'cause → effect (wake, hand-off, upcall, signal)',
  'not recorded': 'not recorded (past the recording cap)',
};

export class Legend {
  readonly element: HTMLDetailsElement;
  private readonly body: HTMLElement;

  constructor() {
    this.body = el('div', { className: 'ts-legend', attrs: { 'aria-label': 'Legend' } });
    this.element = el('details', { className: 'ts-legend-box' }, [el('summary', { text: 'Legend' }), this.body]);
    // Open where there is room; beside the editor the lanes need the height.
    this.element.open = window.innerWidth >= 800;
  }

  show(groups: readonly LaneGroup[], index: RunIndex, bands?: ReadonlyMap<string, readonly Band[]>): void {
    const it = legendItems(groups, index, bands);
    const items: HTMLElement[] = it.states.map((s) => {
      const sw = el('span', { className: 'ts-swatch', attrs: { 'data-state': s } });
      return el('span', {}, [sw, document.createTextNode(STATES.find(([x]) => x === s)?.[1] ?? s)]);
    });
    for (const kind of it.markers) {
      items.push(
        el('span', {}, [
          el('span', { className: 'ts-glyph', text: MARKER_GLYPHS[kind] ?? '•' }),
          document.createTextNode(MARKER_NAMES[kind] ?? kind),
        ]),
      );
    }
    for (const m of it.marks) {
      items.push(
        el('span', {}, [
          el('span', { className: 'ts-swatch', attrs: { 'data-mark': m } }),
          document.createTextNode(MARK_TEXT[m] ?? m),
        ]),
      );
    }
    this.body.replaceChildren(...items);
  }
}
