/**
 * The mapping figure: processes with their user threads and LWPs, the kernel threads, the
 * CPUs, and at the playhead the links thread → LWP and kernel thread → CPU. Names are DOM
 * text; boxes and links are SVG; links glide to their new ends (CSS transition on `d`).
 */
import type { Topology } from '../../../server/src/simulator/trace';
import { threadColour } from '../thread-colours';
import { el, svg } from './dom';
import type { LaneGroup } from './lanes';
import { mappingAt, pkey } from './mapping';
import { edgePath, layoutFigure, linkPath, type FigureLayout, type FigureNode } from './mapping-layout';
import type { Snapshot } from './snapshot';
import type { WaitGraph } from './wait-for';

export class MappingView {
  readonly element: HTMLElement;
  private readonly figure: HTMLElement;
  private groups: readonly LaneGroup[] = [];
  private topo: Topology = { cpus: 0, processes: [] };
  private layout: FigureLayout | null = null;
  private nodes = new Map<string, { node: FigureNode; box: HTMLElement; sub: HTMLElement }>();
  private ultLinks = new Map<string, SVGPathElement>();
  private cpuLinks = new Map<string, SVGPathElement>();
  /** The wait-for edges' layer, redrawn when the graph changes. */
  private waits: SVGGElement = svg('g');
  private graphKey = '';
  private readonly caption: HTMLElement;
  private dark = false;

  constructor() {
    this.figure = el('div', {
      className: 'ts-figure',
      attrs: {
        role: 'group',
        'aria-label':
          'Mapping of threads to LWPs, kernel threads and CPUs at the playhead, with the wait-for graph of the mutexes, condition variables and semaphores',
      },
    });
    this.caption = el('div', { className: 'ts-graph-caption', attrs: { 'aria-live': 'polite' } });
    this.element = el('div', { className: 'ts-mapping' }, [
      el('div', { className: 'ts-figure-wrap' }, [this.figure]),
      this.caption,
    ]);
  }

  /** Colours that depend on the theme (thread colours are lighter on dark backgrounds). */
  setDark(dark: boolean): void {
    if (dark === this.dark) return;
    this.dark = dark;
    for (const { node, box } of this.nodes.values()) this.paintThread(node, box);
  }

  private paintThread(n: FigureNode, box: HTMLElement): void {
    if (n.kind !== 'thread') return;
    const dot = box.querySelector<HTMLElement>('.ts-dot');
    const i = Number(box.dataset.colour);
    if (dot && Number.isInteger(i)) dot.style.background = threadColour(i, this.dark);
  }

  /** Builds the figure for a run's topology (rebuilt only when the topology changes). */
  setRun(groups: readonly LaneGroup[], topo: Topology, colourOf: (process: string, thread: string) => number): void {
    this.groups = groups;
    if (this.layout && JSON.stringify(topo) === JSON.stringify(this.topo)) return;
    this.topo = topo;
    const layout = layoutFigure(topo);
    this.layout = layout;
    this.nodes.clear();
    this.ultLinks.clear();
    this.cpuLinks.clear();
    this.graphKey = '';
    this.figure.style.width = `${layout.width}px`;
    this.figure.style.height = `${layout.height}px`;
    const s = svg('svg', { width: layout.width, height: layout.height, 'aria-hidden': 'true' });
    s.append(arrowMarkers());
    for (const b of layout.bands) {
      s.append(svg('rect', { class: 'ts-band', x: 0, y: b.y, width: layout.width, height: b.h, rx: 3 }));
      const label = svg('text', { class: 'ts-band-label', x: 8, y: b.y + 16 });
      label.textContent = b.label;
      s.append(label);
    }
    const children: HTMLElement[] = [];
    for (const b of layout.boxes) {
      s.append(svg('rect', { class: 'ts-box', x: b.x, y: b.y + 2, width: b.w, height: b.h - 4, rx: 6 }));
      const title = el('div', { className: 'ts-box-title' }, [
        document.createTextNode(b.name),
        el('span', { className: 'ts-note', text: b.model }),
      ]);
      title.style.left = `${b.x + 10}px`;
      title.style.top = `${b.y + 6}px`;
      children.push(title);
    }
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const n of layout.nodes) {
      if (n.kind === 'lwp') {
        const klt = byId.get(`klt:${n.key}`);
        if (klt) s.append(svg('path', { class: 'ts-link ts-link-klt', d: linkPath(n, klt) }));
        const cpuLink = svg('path', { class: 'ts-link ts-link-cpu', 'data-on': 'false', 'data-link': `klt:${n.key}` });
        this.cpuLinks.set(n.key, cpuLink);
        s.append(cpuLink);
      } else if (n.kind === 'thread') {
        const link = svg('path', { class: 'ts-link ts-link-ult', 'data-on': 'false', 'data-link': `thread:${n.key}` });
        this.ultLinks.set(n.key, link);
        s.append(link);
      }
    }
    this.waits = svg('g', { class: 'ts-waits' });
    s.append(this.waits);
    for (const [p, h] of layout.hidden) {
      const box = layout.boxes.find((b) => b.name === p);
      if (!box) continue;
      const parts = [
        h.threads ? `${h.threads} more threads` : '',
        h.lwps ? `${h.lwps} more LWPs` : '',
        h.sync ? `${h.sync} more objects` : '',
      ].filter((x) => x !== '');
      const more = el('div', { className: 'ts-lib-label', text: `+ ${parts.join(', ')} (in the timeline)` });
      more.style.right = `${layout.width - (box.x + box.w) + 10}px`;
      more.style.top = `${box.y + 6}px`;
      children.push(more);
    }
    for (const n of layout.nodes) {
      const sub = el('span', { className: 'ts-sub' });
      const attrs: Record<string, string> = { 'data-kind': n.kind, 'data-node': n.id, 'data-state': 'absent' };
      if (n.sync) attrs['data-sync'] = n.sync;
      const parts: HTMLElement[] = [el('span', { className: 'ts-name', text: n.label }), sub];
      if (n.kind === 'thread' && n.process !== null) {
        attrs['data-colour'] = String(colourOf(n.process, n.label));
        parts.unshift(el('span', { className: 'ts-dot', attrs: { 'aria-hidden': 'true' } }));
      }
      const box = el('div', { className: 'ts-node', attrs }, parts);
      this.paintThread(n, box);
      box.style.left = `${n.x}px`;
      box.style.top = `${n.y}px`;
      box.style.width = `${n.w}px`;
      box.style.height = `${n.h}px`;
      this.nodes.set(n.id, { node: n, box, sub });
      children.push(box);
    }
    this.figure.replaceChildren(s, ...children);
  }

  /**
   * Draws the wait-for graph of the instant (edges, cycles, hang waiters), lifted priorities on
   * the thread nodes and the KLTs' priorities, and says in words what is drawn.
   */
  setGraph(snap: Snapshot, graph: WaitGraph): void {
    if (!this.layout) return;
    for (const th of snap.threads) {
      const n = this.nodes.get(`thread:${th.info.process}:${th.info.name}`);
      if (!n) continue;
      const lifted = th.priority !== th.info.base ? `↑${th.priority}` : '';
      if (n.sub.textContent !== lifted) n.sub.textContent = lifted;
      n.box.dataset.lifted = String(lifted !== '');
    }
    const hang = [...graph.hang].sort().join(',');
    const key = `${graph.edges.map((e) => `${e.from}>${e.to}${e.cycle ? '!' : ''}${e.spinning ? '~' : ''}`).join(',')}|${hang}`;
    if (key === this.graphKey) return;
    this.graphKey = key;
    const paths: SVGPathElement[] = [];
    for (const e of graph.edges) {
      const from = this.nodes.get(e.from)?.node;
      const to = this.nodes.get(e.to)?.node;
      if (!from || !to) continue;
      const kind = e.cycle ? 'cycle' : e.kind;
      paths.push(
        svg('path', {
          class: `ts-edge ts-edge-${e.kind}${e.cycle ? ' ts-edge-cycle' : ''}${e.spinning ? ' ts-edge-spin' : ''}`,
          d: edgePath(from, to),
          'marker-end': `url(#ts-arrow-${kind})`,
          'data-from': e.from,
          'data-to': e.to,
        }),
      );
    }
    this.waits.replaceChildren(...paths);
    for (const { node, box } of this.nodes.values()) {
      if (node.kind === 'sync') {
        const owner = node.sync === 'mutex' ? snap.owners.get(`${node.process}\n${node.label}`) : undefined;
        const waited = graph.edges.some((e) => e.to === node.id);
        box.dataset.state = owner !== undefined ? 'held' : waited ? 'waited' : 'free';
        box.title = `${node.sync} ${node.label}: ${owner !== undefined ? `held by ${owner}` : 'free'}${waited ? ', waited for' : ''}`;
      }
      if (node.kind !== 'thread' && node.kind !== 'sync') continue;
      const inCycle = graph.edges.some((e) => e.cycle && (e.from === node.id || e.to === node.id));
      box.dataset.cycle = String(inCycle);
      if (node.kind === 'thread') box.dataset.hang = String(graph.hang.has(node.id));
    }
    const lines = graph.cycles.map((c) => el('p', { className: 'ts-cycle', text: `Deadlock cycle: ${cycleText(c)}` }));
    if (graph.hang.size > 0)
      lines.push(
        el('p', {
          className: 'ts-hang',
          text: `Hang: ${[...graph.hang].map((id) => id.slice(id.lastIndexOf(':') + 1)).join(', ')} wait${graph.hang.size === 1 ? 's' : ''} for good`,
        }),
      );
    lines.push(
      el('p', {
        className: 'ts-graph-key',
        text: 'Arrows: a thread → what it waits for (dashed; orange while spinning); a mutex → its owner (solid).',
      }),
    );
    this.caption.replaceChildren(...lines);
  }

  /** Updates states and links for instant t. */
  setTime(t: number): void {
    if (!this.layout) return;
    const m = mappingAt(this.groups, this.topo, Math.floor(t));
    const setState = (id: string, state: string, title: string): void => {
      const n = this.nodes.get(id);
      if (!n) return;
      if (n.box.dataset.state !== state) n.box.dataset.state = state;
      n.box.title = title;
    };
    for (const p of this.topo.processes) {
      for (const th of p.threads) {
        const key = pkey(p.name, th.name);
        const state = m.threadState.get(key);
        const lwp = m.threadLwp.get(key);
        setState(
          `thread:${key}`,
          state ?? 'absent',
          `${p.name}/${th.name}: ${state ?? 'not alive'}${lwp !== undefined ? ` on LWP ${lwp}` : ''}`,
        );
        const link = this.ultLinks.get(key);
        const from = this.nodes.get(`thread:${key}`)?.node;
        const to = lwp !== undefined ? this.nodes.get(`lwp:${pkey(p.name, lwp)}`)?.node : undefined;
        if (link && from && to) {
          link.setAttribute('d', linkPath(from, to));
          link.dataset.on = 'true';
          link.dataset.state = state ?? 'running';
        } else if (link) {
          link.dataset.on = 'false';
        }
      }
      for (const l of p.lwps) {
        const key = pkey(p.name, l.id);
        const state = m.lwpState.get(key) ?? 'absent';
        setState(`lwp:${key}`, state, `${p.name} LWP ${l.id}: ${state === 'absent' ? 'not existing' : state}`);
        const kp = m.lwpPriority.get(key);
        setState(
          `klt:${key}`,
          state,
          `${p.name} KLT of LWP ${l.id}: ${state === 'absent' ? 'not existing' : state}${kp !== undefined ? `, kernel priority ${kp}` : ''}`,
        );
        const klt = this.nodes.get(`klt:${key}`);
        const kpText = kp !== undefined && state !== 'absent' ? `pri ${kp}` : '';
        if (klt && klt.sub.textContent !== kpText) klt.sub.textContent = kpText;
        const cpu = m.lwpCpu.get(key);
        const link = this.cpuLinks.get(key);
        const from = this.nodes.get(`klt:${key}`)?.node;
        const to = cpu !== undefined ? this.nodes.get(`cpu:${cpu}`)?.node : undefined;
        if (link && from && to) {
          link.setAttribute('d', linkPath(from, to));
          link.dataset.on = 'true';
          link.dataset.state = m.cpuState.get(cpu ?? -1)?.state ?? 'running';
        } else if (link) {
          link.dataset.on = 'false';
        }
      }
    }
    for (let c = 0; c < this.topo.cpus; c++) {
      const cs = m.cpuState.get(c);
      const n = this.nodes.get(`cpu:${c}`);
      const what = !cs
        ? 'idle'
        : cs.state === 'overhead'
          ? `switch → ${cs.process ?? ''} LWP ${cs.lwp ?? '?'}`
          : `${cs.thread ?? '?'} · ${cs.process ?? ''} LWP ${cs.lwp ?? '?'}`;
      setState(`cpu:${c}`, cs?.state ?? 'idle', `CPU ${c}: ${what}`);
      if (n && n.sub.textContent !== (cs ? (cs.state === 'overhead' ? 'switch' : (cs.thread ?? '')) : 'idle')) {
        n.sub.textContent = cs ? (cs.state === 'overhead' ? 'switch' : (cs.thread ?? '')) : 'idle';
      }
    }
  }
}

/** Words for a deadlock's cycle: "phil[0] → fork[1] → phil[1] → … → phil[0]". */
export function cycleText(names: readonly string[]): string {
  return names.join(' → ');
}

/** Arrowheads of the wait-for edges: waits, holds, and those on a cycle. */
function arrowMarkers(): SVGDefsElement {
  const defs = svg('defs');
  for (const kind of ['waits', 'holds', 'cycle']) {
    const m = svg('marker', {
      id: `ts-arrow-${kind}`,
      class: `ts-arrow ts-arrow-${kind}`,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 5,
      markerHeight: 5,
      orient: 'auto-start-reverse',
    });
    m.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
    defs.append(m);
  }
  return defs;
}
