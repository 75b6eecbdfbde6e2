/**
 * The timeline view: lane labels as DOM text on the left, a canvas of bars on the right, an
 * axis above. Zoom with Ctrl/⌘ + wheel or the buttons, pan by dragging or with Shift + wheel,
 * click to move the playhead, hover for details.
 */
import type { Palette } from './colours';
import { describeEvent, describeInversion, describeSpan } from './describe';
import { el } from './dom';
import { laneBands, type Band } from './lane-bands';
import { laneKey, markerLane, spanAt, type Lane, type LaneGroup } from './lanes';
import type { RunIndex } from './run-index';
import { drawAxis, drawLanes, drawPlayhead } from './timeline-draw';
import type { LaneFlow } from './timeline-frame';
import { drawFlowList, drawMasks, MAX_FLOWS } from './timeline-marks';
import { layoutRows, rowAt, type Row } from './timeline-rows';
import { fitViewport, follow, panBy, timeToX, xToTime, zoomAt, type Viewport } from './viewport';

const AXIS_H = 22;

export interface TimelineCallbacks {
  /** The user clicked an instant. */
  seek(t: number): void;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly axis: HTMLCanvasElement;
  private readonly scroll: HTMLElement;
  private readonly inner: HTMLElement;
  private readonly labels: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLElement;
  private rows: Row[] = [];
  private groups: readonly LaneGroup[] = [];
  private height = 0;
  private endTime = 0;
  private view: Viewport = fitViewport(0, 1);
  private fitted = true;
  private playhead = 0;
  private processIndex = new Map<string, number>();
  private deadlocks: number[] = [];
  private index: RunIndex | null = null;
  private bands = new Map<string, Band[]>();
  private flows: LaneFlow[] = [];
  private rowOf = new Map<string, Row>();
  /** Groups folded to their heading, by title (kept across runs). */
  private readonly collapsed = new Set<string>();
  private revealed = Infinity;
  private frame = 0;
  /** The lanes drawn without the playhead, reused while only the playhead moves. */
  private readonly cache = document.createElement('canvas');
  private cacheKey = '';
  /** Bumped when the run or the palette changes, to invalidate the cache. */
  private version = 0;
  private drag: { x: number; start: number; moved: boolean } | null = null;

  constructor(
    private palette: Palette,
    private readonly callbacks: TimelineCallbacks,
  ) {
    this.axis = el('canvas', { className: 'ts-axis', attrs: { 'aria-hidden': 'true' } });
    this.labels = el('div', { className: 'ts-labels', attrs: { role: 'list', 'aria-label': 'Lanes' } });
    this.canvas = el('canvas', {
      className: 'ts-canvas',
      attrs: { role: 'img', 'aria-label': 'Timeline of every lane; hover for details, click to move the playhead' },
    });
    this.inner = el('div', { className: 'ts-inner' }, [
      this.labels,
      el('div', { className: 'ts-canvas-col' }, [this.canvas]),
    ]);
    this.scroll = el('div', { className: 'ts-scroll' }, [this.inner]);
    this.tooltip = el('div', { className: 'ts-tooltip', attrs: { role: 'tooltip' } });
    this.tooltip.hidden = true;
    this.element = el('div', { className: 'ts-timeline' }, [
      el('div', { className: 'ts-axis-row' }, [el('div', { className: 'ts-axis-spacer' }), this.axis]),
      this.scroll,
      this.tooltip,
    ]);
    this.scroll.addEventListener('scroll', () => this.redraw());
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.canvas.addEventListener('pointerleave', () => this.hideTooltip());
    new ResizeObserver(() => this.resize()).observe(this.scroll);
  }

  /** Shows a run's lanes. Keeps the zoom when the run's lanes change but the user had zoomed. */
  setRun(groups: readonly LaneGroup[], endTime: number, deadlocks: number[], index: RunIndex | null = null): void {
    this.groups = groups;
    this.endTime = endTime;
    this.deadlocks = deadlocks;
    this.index = index;
    this.processIndex = new Map(groups.slice(1).map((g, i) => [g.title, i]));
    this.bands = index ? laneBands(groups, index) : new Map();
    const topo = index?.topology;
    this.flows = [];
    if (index && topo) {
      for (const f of index.flows) {
        const from = markerLane(f.from, topo);
        const to = markerLane(f.to, topo);
        if (from !== null && to !== null) this.flows.push({ from, to, t0: f.from.t, t1: f.to.t });
      }
    }
    this.view = this.fitted ? fitViewport(endTime, this.view.width) : zoomAt(this.view, 1, 0, endTime);
    this.layout();
  }

  /** Lays the rows out again (a run, or a group folded or unfolded). */
  private layout(): void {
    const laid = layoutRows(this.groups, this.collapsed);
    this.rows = laid.rows;
    this.height = laid.height;
    this.rowOf = new Map();
    for (const r of this.rows) if (r.type === 'lane') this.rowOf.set(r.lane.key, r);
    this.labels.replaceChildren(...this.rows.map((r) => this.labelOf(r)));
    this.inner.style.height = `${this.height}px`;
    this.version++;
    this.resize();
  }

  /** The bands over the lanes of the run shown (by lane key). */
  get laneBands(): ReadonlyMap<string, readonly Band[]> {
    return this.bands;
  }

  /** Folds or unfolds a group of lanes. */
  toggleGroup(title: string): void {
    if (this.collapsed.has(title)) this.collapsed.delete(title);
    else this.collapsed.add(title);
    this.layout();
  }

  private labelOf(r: Row): HTMLElement {
    if (r.type === 'group') {
      const index = this.processIndex.get(r.group.title);
      const swatch = el('span', { className: 'ts-swatch', attrs: { 'aria-hidden': 'true' } });
      // Same colour as the strip under this process's bars on the CPU lanes.
      if (index !== undefined && r.group !== this.groups[0])
        swatch.style.background = `var(--ts-process-${(index % 6) + 1})`;
      const toggle = el(
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
          ...(index !== undefined && r.group !== this.groups[0] ? [swatch] : []),
          document.createTextNode(r.group.title),
          el('span', { className: 'ts-note', text: r.group.note }),
        ],
      );
      toggle.addEventListener('click', () => this.toggleGroup(r.group.title));
      return el('div', { className: 'ts-group-row', attrs: { role: 'listitem' } }, [toggle]);
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

  setPalette(p: Palette): void {
    if (JSON.stringify(p) === JSON.stringify(this.palette)) return;
    this.palette = p;
    this.version++;
    this.redraw();
  }

  /** Moves the playhead, scrolling the window to keep it in view; nothing after `revealed` is shown. */
  setTime(t: number, revealed = Infinity): void {
    this.playhead = t;
    this.revealed = revealed;
    if (!this.drag) this.view = follow(this.view, t, this.endTime);
    this.redraw();
  }

  /** Zooms about the playhead (factor > 1 zooms in). */
  zoom(factor: number): void {
    this.fitted = false;
    const x = Math.min(Math.max(timeToX(this.view, this.playhead), 0), this.view.width);
    this.view = zoomAt(this.view, factor, x, this.endTime);
    this.redraw();
  }

  /** Shows the whole run. */
  fit(): void {
    this.fitted = true;
    this.view = fitViewport(this.endTime, this.view.width);
    this.redraw();
  }

  private resize(): void {
    const width = Math.max(1, this.canvas.parentElement?.clientWidth ?? 1);
    const visible = Math.min(this.height, this.scroll.clientHeight || this.height);
    const dpr = window.devicePixelRatio || 1;
    for (const [c, h] of [
      [this.canvas, visible],
      [this.axis, AXIS_H],
    ] as const) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(h * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${h}px`;
    }
    this.view = this.fitted ? fitViewport(this.endTime, width) : { ...this.view, width };
    this.redraw();
  }

  /** Schedules one draw for the next frame. */
  redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const ctx = this.canvas.getContext('2d');
    const actx = this.axis.getContext('2d');
    if (!ctx || !actx) return;
    const height = this.canvas.height / dpr;
    const scrollTop = this.scroll.scrollTop;
    const v = this.view;
    const key = `${this.version}|${v.start}|${v.span}|${v.width}|${scrollTop}|${this.canvas.width}x${this.canvas.height}`;
    if (key !== this.cacheKey) {
      this.cache.width = this.canvas.width;
      this.cache.height = this.canvas.height;
      const cctx = this.cache.getContext('2d');
      if (!cctx) return;
      cctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawLanes({
        ctx: cctx,
        rows: this.rows,
        scrollTop,
        height,
        view: v,
        palette: this.palette,
        processIndex: this.processIndex,
        deadlocks: this.deadlocks,
        index: this.index,
        bands: this.bands,
        flows: this.flows,
        rowOf: this.rowOf,
      });
      this.cacheKey = key;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.cache.width > 0 && this.cache.height > 0) ctx.drawImage(this.cache, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.drawOverlay(ctx, v, height, scrollTop);
    drawPlayhead(ctx, v, height, this.palette, this.playhead);
    actx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawAxis(actx, v, AXIS_H, this.palette, this.playhead);
    // The window shown, for tests and tools that point at an instant.
    this.axis.dataset.start = String(v.start);
    this.axis.dataset.span = String(v.span);
  }

  /** Per frame: the causes of the playhead's instant when too many to draw all, and the masks. */
  private drawOverlay(ctx: CanvasRenderingContext2D, v: Viewport, height: number, scrollTop: number): void {
    ctx.font = this.palette.font;
    ctx.textBaseline = 'middle';
    const t0 = v.start;
    const t1 = v.start + v.span;
    let inView = 0;
    for (const f of this.flows) if (f.t1 >= t0 && f.t0 <= t1 && ++inView > MAX_FLOWS) break;
    if (inView > MAX_FLOWS) {
      const at = Math.floor(this.playhead);
      const now = this.flows.filter((f) => f.t1 === at);
      drawFlowList(ctx, now.slice(0, MAX_FLOWS), this.rowOf, v, scrollTop, this.palette);
    }
    drawMasks(ctx, v, height, this.palette, this.index?.until ?? null, this.revealed);
  }

  private localX(e: MouseEvent): number {
    return e.clientX - this.canvas.getBoundingClientRect().left;
  }

  private onWheel(e: WheelEvent): void {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      this.fitted = false;
      this.view = zoomAt(this.view, Math.exp(-e.deltaY / 300), this.localX(e), this.endTime);
      this.redraw();
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      this.fitted = false;
      this.view = panBy(this.view, e.shiftKey ? e.deltaY : e.deltaX, this.endTime);
      this.redraw();
    }
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, start: this.view.start, moved: false };
    this.canvas.setPointerCapture(e.pointerId);
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.drag) {
      const dx = e.clientX - this.drag.x;
      if (Math.abs(dx) > 3) {
        this.drag.moved = true;
        this.fitted = false;
        this.canvas.classList.add('ts-dragging');
        this.view = panBy({ ...this.view, start: this.drag.start }, -dx, this.endTime);
        this.redraw();
      }
      return;
    }
    this.showTooltip(e);
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    this.canvas.classList.remove('ts-dragging');
    if (drag && !drag.moved) this.callbacks.seek(Math.round(xToTime(this.view, this.localX(e))));
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  /** The tooltip lines under the pointer: a marker first, then an inversion, then a span with its bands. */
  private hoverLines(lane: Lane, x: number): string[] | null {
    const t = xToTime(this.view, x);
    if (t > this.revealed) return null;
    for (const m of lane.markers) if (Math.abs(timeToX(this.view, m.t) - x) <= 7) return describeEvent(m.event);
    for (const inv of lane.inversions) if (inv.start <= t && t < inv.end) return describeInversion(inv);
    const s = spanAt(lane.spans, t);
    if (!s) return null;
    const lines = describeSpan(lane, s, this.waitersAt(lane, t));
    for (const b of this.bands.get(lane.key) ?? []) if (b.start <= t && t < b.end) lines.push(b.text);
    return lines;
  }

  /** A mutex lane's waiters at t, from the threads' lanes. */
  private waitersAt(lane: Lane, t: number): string[] {
    if (lane.kind !== 'mutex' || !this.index || lane.process === null) return [];
    const out: string[] = [];
    const want = `mutex ${lane.label}`;
    for (const info of this.index.threads.values()) {
      if (info.process !== lane.process) continue;
      const s = spanAt(
        this.index.lanes.get(laneKey({ kind: 'thread', process: info.process, thread: info.name })) ?? [],
        t,
      );
      if (s && s.reason === want && (s.state === 'blocked' || s.state === 'spinning'))
        out.push(`${info.name}${s.state === 'spinning' ? ' (spinning)' : ''}`);
    }
    return out;
  }

  private showTooltip(e: PointerEvent): void {
    const rect = this.canvas.getBoundingClientRect();
    const row = rowAt(this.rows, e.clientY - rect.top + this.scroll.scrollTop);
    const lines = row?.type === 'lane' ? this.hoverLines(row.lane, e.clientX - rect.left) : null;
    if (!lines) return this.hideTooltip();
    this.tooltip.replaceChildren(el('strong', { text: lines[0] }), document.createTextNode(lines.slice(1).join('\n')));
    this.tooltip.hidden = false;
    const tw = this.tooltip.offsetWidth;
    const left = e.clientX + 14 + tw > window.innerWidth ? e.clientX - 14 - tw : e.clientX + 14;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${e.clientY + 14}px`;
  }
}
