/** The key to the timeline's colours and marker glyphs. */
import type { SpanState } from '../../../server/src/simulator/trace';
import { MARKER_GLYPHS, MARKER_NAMES } from './describe';
import { el } from './dom';

const STATES: [SpanState, string][] = [
  ['running', 'running'],
  ['ready', 'ready (thin)'],
  ['spinning', 'spinning (hatched)'],
  ['blocked', 'blocked'],
  ['io', 'in io'],
  ['sleeping', 'sleeping'],
  ['faulted', 'faulted'],
  ['overhead', 'switch overhead'],
  ['parked', 'LWP parked'],
  ['held', 'mutex held (hatched: waiters)'],
];

/** A legend element: state swatches, marker glyphs, inversion and deadlock marks. */
export function legend(): HTMLElement {
  const items: HTMLElement[] = STATES.map(([s, text]) => {
    const sw = el('span', { className: 'ts-swatch' });
    sw.style.background = `var(--ts-${s})`;
    return el('span', {}, [sw, document.createTextNode(text)]);
  });
  for (const [kind, glyph] of Object.entries(MARKER_GLYPHS)) {
    const name = MARKER_NAMES[kind as keyof typeof MARKER_NAMES] ?? kind;
    items.push(el('span', {}, [el('span', { className: 'ts-glyph', text: glyph }), document.createTextNode(name)]));
  }
  const inv = el('span', { className: 'ts-swatch' });
  inv.style.border = '2px dashed var(--ts-problem)';
  inv.style.boxSizing = 'border-box';
  items.push(el('span', {}, [inv, document.createTextNode('priority inversion')]));
  return el('div', { className: 'ts-legend', attrs: { 'aria-label': 'Legend' } }, items);
}
