/**
 * The mapping figure: processes with their user threads and LWPs, the kernel threads, the
 * CPUs, and at the playhead the links thread → LWP and kernel thread → CPU. Names are DOM
 * text; boxes and links are SVG; links glide to their new ends (CSS transition on `d`).
 */
import type { Topology } from '../../../server/src/simulator/trace';
import { el, svg } from './dom';
import type { LaneGroup } from './lanes';
import { mappingAt, pkey } from './mapping';
import { layoutFigure, linkPath, type FigureLayout, type FigureNode } from './mapping-layout';

export class MappingView {
  readonly element: HTMLElement;
  private readonly figure: HTMLElement;
  private groups: readonly LaneGroup[] = [];
  private topo: Topology = { cpus: 0, processes: [] };
  private layout: FigureLayout | null = null;
  private nodes = new Map<string, { node: FigureNode; box: HTMLElement; sub: HTMLElement }>();
  private ultLinks = new Map<string, SVGPathElement>();
  private cpuLinks = new Map<string, SVGPathElement>();

  constructor() {
    this.figure = el('div', {
      className: 'ts-figure',
      attrs: { role: 'group', 'aria-label': 'Mapping of threads to LWPs, kernel threads and CPUs at the playhead' },
    });
    this.element = el('div', { className: 'ts-figure-wrap' }, [this.figure]);
  }

  /** Builds the figure for a run's topology (rebuilt only when the topology changes). */
  setRun(groups: readonly LaneGroup[], topo: Topology): void {
    this.groups = groups;
    if (this.layout && JSON.stringify(topo) === JSON.stringify(this.topo)) return;
    this.topo = topo;
    const layout = layoutFigure(topo);
    this.layout = layout;
    this.nodes.clear();
    this.ultLinks.clear();
    this.cpuLinks.clear();
    this.figure.style.width = `${layout.width}px`;
    this.figure.style.height = `${layout.height}px`;
    const s = svg('svg', { width: layout.width, height: layout.height, 'aria-hidden': 'true' });
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
    for (const n of layout.nodes) {
      const sub = el('span', { className: 'ts-sub' });
      const box = el(
        'div',
        { className: 'ts-node', attrs: { 'data-kind': n.kind, 'data-node': n.id, 'data-state': 'absent' } },
        [el('span', { className: 'ts-name', text: n.label }), sub],
      );
      box.style.left = `${n.x}px`;
      box.style.top = `${n.y}px`;
      box.style.width = `${n.w}px`;
      box.style.height = `${n.h}px`;
      this.nodes.set(n.id, { node: n, box, sub });
      children.push(box);
    }
    this.figure.replaceChildren(s, ...children);
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
        setState(`klt:${key}`, state, `${p.name} KLT of LWP ${l.id}: ${state === 'absent' ? 'not existing' : state}`);
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
