/**
 * Geometry of the mapping figure (after Stein & Shah, "Implementing Lightweight Threads"):
 * each process a box holding its user threads above its LWPs, the kernel threads under the
 * LWPs in the kernel band, the CPUs at the bottom. Pure: positions in CSS pixels.
 */
import type { Topology } from '../../../server/src/simulator/trace';
import { pkey } from './mapping';

export type NodeKind = 'thread' | 'lwp' | 'klt' | 'cpu';

export interface FigureNode {
  /** `thread:p:name`, `lwp:p:id`, `klt:p:id`, `cpu:n`. */
  id: string;
  kind: NodeKind;
  label: string;
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
}

export const SLOT = 78;
export const NODE_W = 66;
export const NODE_H = 24;
const GAP = 16;
const PAD = 10;
const TITLE = 22;
const THREAD_Y = PAD + TITLE;
const LWP_Y = THREAD_Y + NODE_H + 54;
const BOX_H = LWP_Y + NODE_H + PAD;
const KERNEL_Y = BOX_H + 20;
const KLT_Y = KERNEL_Y + 22;
const CPU_Y = KLT_Y + NODE_H + 62;
const HEIGHT = CPU_Y + NODE_H + 20;
/** Left margin that holds the band labels. */
const LEFT = 84;

/** Lays out the figure for a topology. Deterministic; depends only on its names and counts. */
export function layoutFigure(topo: Topology): FigureLayout {
  const nodes: FigureNode[] = [];
  const boxes: ProcessBox[] = [];
  let x = LEFT;
  for (const p of topo.processes) {
    const slots = Math.max(1, p.threads.length, p.lwps.length);
    const w = slots * SLOT + 2 * PAD - (SLOT - NODE_W);
    boxes.push({ name: p.name, model: p.model.replace(/_/g, '-'), x, y: 0, w, h: BOX_H });
    // Centre each row in the box so LWPs sit under the threads they usually carry.
    const row = (n: number): number => x + PAD + ((slots - n) * SLOT) / 2;
    const tx = row(p.threads.length);
    p.threads.forEach((t, i) =>
      nodes.push({ id: `thread:${pkey(p.name, t.name)}`, kind: 'thread', label: t.name, process: p.name, key: pkey(p.name, t.name), x: tx + i * SLOT, y: THREAD_Y, w: NODE_W, h: NODE_H }),
    );
    const lx = row(p.lwps.length);
    p.lwps.forEach((l, i) => {
      const key = pkey(p.name, l.id);
      nodes.push({ id: `lwp:${key}`, kind: 'lwp', label: `LWP ${l.id}`, process: p.name, key, x: lx + i * SLOT, y: LWP_Y, w: NODE_W, h: NODE_H });
      nodes.push({ id: `klt:${key}`, kind: 'klt', label: `KLT ${l.id}`, process: p.name, key, x: lx + i * SLOT, y: KLT_Y, w: NODE_W, h: NODE_H });
    });
    x += w + GAP;
  }
  const userWidth = x - GAP;
  const cpuWidth = LEFT + topo.cpus * SLOT;
  const width = Math.max(userWidth, cpuWidth, LEFT + SLOT) + PAD;
  // CPUs spread under the whole figure, centred.
  const cx = LEFT + Math.max(0, (width - PAD - LEFT - topo.cpus * SLOT) / 2);
  for (let c = 0; c < topo.cpus; c++) {
    nodes.push({ id: `cpu:${c}`, kind: 'cpu', label: `CPU ${c}`, process: null, key: String(c), x: cx + c * SLOT, y: CPU_Y, w: NODE_W, h: NODE_H });
  }
  const bands: Band[] = [
    { label: 'user', y: 0, h: BOX_H },
    { label: 'kernel', y: KERNEL_Y, h: CPU_Y - KERNEL_Y - 16 },
    { label: 'hardware', y: CPU_Y - 8, h: NODE_H + 16 },
  ];
  return { width, height: HEIGHT, nodes, boxes, bands };
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
