/**
 * Geometry of the mapping figure (after Stein & Shah, "Implementing Lightweight Threads"):
 * each process a box holding its user threads above its LWPs, the kernel threads under the
 * LWPs in the kernel band, the CPUs at the bottom. Pure: positions in CSS pixels.
 */
import type { Topology } from '../../../server/src/simulator/trace';
import { pkey } from './mapping';

export type NodeKind = 'thread' | 'lwp' | 'klt' | 'cpu' | 'sync';

export interface FigureNode {
  /** `thread:p:name`, `lwp:p:id`, `klt:p:id`, `cpu:n`, `sync:p:kind:name`. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Sync nodes: mutex, condvar or semaphore. */
  sync?: 'mutex' | 'condvar' | 'semaphore';
  process: string | null;
  /** Map key (`process:name` or `process:id`; the CPU index for CPUs). */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ProcessBox {
  name: string;
  model: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Band {
  label: string;
  y: number;
  h: number;
}

export interface FigureLayout {
  width: number;
  height: number;
  nodes: FigureNode[];
  boxes: ProcessBox[];
  bands: Band[];
  /** Per process, what has no node: sync objects past SYNC_MAX, threads past FIGURE_THREADS, LWPs past FIGURE_LWPS. */
  hidden: Map<string, { sync: number; threads: number; lwps: number }>;
}

/** Threads and LWPs drawn per process: the figure stays readable and cheap with thousands (the lanes show them all). */
export const FIGURE_THREADS = 64;
export const FIGURE_LWPS = 32;

/** Sync objects drawn per process; the rest are counted. */
export const SYNC_MAX = 30;

export const SLOT = 78;
export const NODE_W = 66;
export const NODE_H = 24;
const GAP = 16;
const PAD = 10;
const TITLE = 22;
const THREAD_Y = PAD + TITLE;
/** Vertical distance between two rows of threads. */
const ROW_STEP = NODE_H + 12;
/** Space between the last row of threads and the LWPs, for the links. */
const LINK_SPACE = 54;
/** Height of the row of sync objects, with the space for the wait-for edges under it. */
const SYNC_STEP = NODE_H + 40;
/** Threads per row: a process with more wraps them, so its LWPs stay in sight. */
export const THREADS_PER_ROW = 10;
/** Left margin that holds the band labels. */
const LEFT = 84;

/** Lays out the figure for a topology. Deterministic; depends only on its names and counts. */
export function layoutFigure(full: Topology): FigureLayout {
  const hidden = new Map<string, { sync: number; threads: number; lwps: number }>();
  const topo: Topology = {
    ...full,
    processes: full.processes.map((p) => {
      const sync = p.mutexes.length + (p.condvars?.length ?? 0) + (p.semaphores?.length ?? 0);
      const h = {
        sync: Math.max(0, sync - SYNC_MAX),
        threads: Math.max(0, p.threads.length - FIGURE_THREADS),
        lwps: Math.max(0, p.lwps.length - FIGURE_LWPS),
      };
      if (h.sync + h.threads + h.lwps > 0) hidden.set(p.name, h);
      return { ...p, threads: p.threads.slice(0, FIGURE_THREADS), lwps: p.lwps.slice(0, FIGURE_LWPS) };
    }),
  };
  const nodes: FigureNode[] = [];
  const boxes: ProcessBox[] = [];
  const rowsOf = (p: Topology['processes'][number]): number =>
    Math.max(1, Math.ceil(p.threads.length / Math.max(THREADS_PER_ROW, p.lwps.length)));
  const threadRows = Math.max(1, ...topo.processes.map(rowsOf));
  const syncOf = (p: Topology['processes'][number]): { kind: 'mutex' | 'condvar' | 'semaphore'; name: string }[] => [
    ...p.mutexes.map((name) => ({ kind: 'mutex' as const, name })),
    ...(p.condvars ?? []).map((name) => ({ kind: 'condvar' as const, name })),
    ...(p.semaphores ?? []).map((name) => ({ kind: 'semaphore' as const, name })),
  ];
  const hasSync = topo.processes.some((p) => syncOf(p).length > 0);
  const threadY = THREAD_Y + (hasSync ? SYNC_STEP : 0);
  // Every process box has the same height, so the LWPs of all processes share one row.
  const lwpY = threadY + (threadRows - 1) * ROW_STEP + NODE_H + LINK_SPACE;
  const boxH = lwpY + NODE_H + PAD;
  const kernelY = boxH + 20;
  const kltY = kernelY + 22;
  const cpuY = kltY + NODE_H + 62;
  let x = LEFT;
  for (const p of topo.processes) {
    const perRow = Math.max(THREADS_PER_ROW, p.lwps.length);
    const sync = syncOf(p).slice(0, SYNC_MAX);
    const slots = Math.max(1, Math.min(p.threads.length, perRow), p.lwps.length, sync.length);
    // Wide enough for its title (name and model) at about 7.5 px a character.
    const titleWidth = Math.ceil((p.name.length + p.model.length + 1) * 7.5) + 2 * PAD + 8;
    const w = Math.max(slots * SLOT + 2 * PAD - (SLOT - NODE_W), titleWidth);
    boxes.push({ name: p.name, model: p.model.replace(/_/g, '-'), x, y: 0, w, h: boxH });
    // Centre each row in the box so LWPs sit under the threads they usually carry.
    const row = (n: number): number => x + (w - (n * SLOT - (SLOT - NODE_W))) / 2;
    p.threads.forEach((t, i) => {
      const r = Math.floor(i / perRow);
      const inRow = Math.min(perRow, p.threads.length - r * perRow);
      nodes.push({
        id: `thread:${pkey(p.name, t.name)}`,
        kind: 'thread',
        label: t.name,
        process: p.name,
        key: pkey(p.name, t.name),
        x: row(inRow) + (i % perRow) * SLOT,
        y: threadY + r * ROW_STEP,
        w: NODE_W,
        h: NODE_H,
      });
    });
    const sx = row(sync.length);
    sync.forEach((o, i) =>
      nodes.push({
        id: `sync:${p.name}:${o.kind}:${o.name}`,
        kind: 'sync',
        sync: o.kind,
        label: o.name,
        process: p.name,
        key: `${p.name}:${o.kind}:${o.name}`,
        x: sx + i * SLOT,
        y: THREAD_Y,
        w: NODE_W,
        h: NODE_H,
      }),
    );
    const lx = row(p.lwps.length);
    p.lwps.forEach((l, i) => {
      const key = pkey(p.name, l.id);
      nodes.push({
        id: `lwp:${key}`,
        kind: 'lwp',
        label: `LWP ${l.id}`,
        process: p.name,
        key,
        x: lx + i * SLOT,
        y: lwpY,
        w: NODE_W,
        h: NODE_H,
      });
      nodes.push({
        id: `klt:${key}`,
        kind: 'klt',
        label: `KLT ${l.id}`,
        process: p.name,
        key,
        x: lx + i * SLOT,
        y: kltY,
        w: NODE_W,
        h: NODE_H,
      });
    });
    x += w + GAP;
  }
  const userWidth = x - GAP;
  const cpuWidth = LEFT + topo.cpus * SLOT;
  const width = Math.max(userWidth, cpuWidth, LEFT + SLOT) + PAD;
  // CPUs spread under the whole figure, centred.
  const cx = LEFT + Math.max(0, (width - PAD - LEFT - topo.cpus * SLOT) / 2);
  for (let c = 0; c < topo.cpus; c++) {
    nodes.push({
      id: `cpu:${c}`,
      kind: 'cpu',
      label: `CPU ${c}`,
      process: null,
      key: String(c),
      x: cx + c * SLOT,
      y: cpuY,
      w: NODE_W,
      h: NODE_H,
    });
  }
  const bands: Band[] = [
    { label: 'user', y: 0, h: boxH },
    { label: 'kernel', y: kernelY, h: cpuY - kernelY - 16 },
    { label: 'hardware', y: cpuY - 8, h: NODE_H + 16 },
  ];
  return { width, height: cpuY + NODE_H + 20, nodes, boxes, bands, hidden };
}

/**
 * A wait-for edge as SVG path data: between a thread (below) and a sync object (above) from
 * the top of the lower node to the bottom of the upper one, whichever way it points; between
 * two threads (a join) an arc over the row.
 */
export function edgePath(from: FigureNode, to: FigureNode): string {
  const fx = from.x + from.w / 2;
  const tx = to.x + to.w / 2;
  if (from.kind === 'thread' && to.kind === 'thread') {
    const up = Math.min(from.y, to.y) - 18 - Math.min(40, Math.abs(fx - tx) / 6);
    return `M ${fx} ${from.y} C ${fx} ${up} ${tx} ${up} ${tx} ${to.y}`;
  }
  const y1 = from.y > to.y ? from.y : from.y + from.h;
  const y2 = to.y > from.y ? to.y : to.y + to.h;
  const my = (y1 + y2) / 2;
  return `M ${fx} ${y1} C ${fx} ${my} ${tx} ${my} ${tx} ${y2}`;
}

/** A cubic link from the bottom centre of one node to the top centre of another, as SVG path data. */
export function linkPath(from: FigureNode, to: FigureNode): string {
  const x1 = from.x + from.w / 2;
  const y1 = from.y + from.h;
  const x2 = to.x + to.w / 2;
  const y2 = to.y;
  const my = (y1 + y2) / 2;
  return `M ${x1} ${y1} C ${x1} ${my} ${x2} ${my} ${x2} ${y2}`;
}
