/**
 * The timeline's label column: a heading per group of lanes (a button folding them, with the
 * process's colour) and a label per lane (its name and note), as DOM text.
 */
import { el } from './dom';
import type { LaneGroup } from './lanes';
import type { Row } from './timeline-rows';

/** The label of a row; `first`: the CPUs' group (no process colour); `toggle` folds a group. */
export function laneLabel(
  r: Row,
  processIndex: ReadonlyMap<string, number>,
  first: LaneGroup | undefined,
  toggle: (title: string) => void,
): HTMLElement {
  if (r.type === 'group') {
    const index = r.group !== first ? processIndex.get(r.group.title) : undefined;
    const swatch = el('span', { className: 'ts-swatch', attrs: { 'aria-hidden': 'true' } });
    // Same colour as the strip under this process's bars on the CPU lanes.
    if (index !== undefined) swatch.style.background = `var(--ts-process-${(index % 6) + 1})`;
    const button = el(
      'button',
      {
        className: 'ts-group',
        attrs: {
          type: 'button',
          'aria-expanded': String(!r.collapsed),
          title: `${r.collapsed ? 'Show' : 'Hide'} the lanes of ${r.group.title}`,
        },
      },
      [
        el('span', { className: 'ts-chevron', text: r.collapsed ? '▸' : '▾', attrs: { 'aria-hidden': 'true' } }),
        ...(index !== undefined ? [swatch] : []),
        document.createTextNode(r.group.title),
        el('span', { className: 'ts-note', text: r.group.note }),
      ],
    );
    button.addEventListener('click', () => toggle(r.group.title));
    return el('div', { className: 'ts-group-row', attrs: { role: 'listitem' } }, [button]);
  }
  const lane = r.lane;
  return el(
    'div',
    {
      className: 'ts-label',
      attrs: {
        role: 'listitem',
        'data-kind': lane.kind,
        'data-lane': lane.key,
        title: `${lane.label} (${lane.note || lane.kind})`,
      },
    },
    [el('span', { className: 'ts-name', text: lane.label }), el('span', { className: 'ts-note', text: lane.note })],
  );
}
