/**
 * Snapshots of a simulation at a step boundary (between two events, or between two statements
 * of a thread), and their restoration: the run then continues exactly as it did from there.
 *
 * The entities (threads, LWPs, CPUs, processes, sync objects) stay the same objects for the whole
 * run, so a snapshot is a compact copy of their fields, with references kept as they are (they
 * point at the same entities) and the arrays they own copied. The recording is append-only: a
 * mark of its lengths. LWPs created after a snapshot are dropped when it is restored.
 */
import type { World } from './world';
import type { CpuRt, LwpRt, MutexRt, ProcRt, ThreadRt } from './entities';
import type { TimedEvent } from './heap';
import type { RecorderMark } from './recorder';

/** An opaque snapshot; only the simulation it was taken of can restore it. */
export interface Snapshot {
  readonly world: Record<string, unknown>;
  readonly counters: Record<string, number>;
  readonly tail: Record<string, number>;
  readonly rng: number;
  readonly events: TimedEvent[];
  readonly steps: number[];
  readonly kq: LwpRt[];
  readonly lists: Record<ListName, unknown[]>;
  readonly overflows: World['overflows'];
  readonly inversions: unknown;
  readonly threads: ThreadRt[];
  readonly lwps: LwpRt[];
  readonly cpus: CpuRt[];
  readonly procs: { fields: ProcRt; runq: ThreadRt[] }[];
  readonly mutexes: MutexRt[][];
  readonly condWaiters: ThreadRt[][][];
  readonly sems: { count: number; waiters: ThreadRt[] }[][];
  readonly rec: RecorderMark | null;
}

/** The world's arrays of references, copied as they are. */
const LISTS = [
  'contended',
  'diags',
  'kArrivals',
  'uArrivals',
  'kSignals',
  'uSignals',
  'idleBegins',
  'freedPool',
] as const;
type ListName = (typeof LISTS)[number];

/** World fields that are not plain values, handled one by one below (or constant for a run). */
const STRUCTURED = new Set<string>([
  ...LISTS,
  'heap',
  'freeEvents',
  'stmtCache',
  'steps',
  'threads',
  'lwps',
  'lwpObjects',
  'cpus',
  'procs',
  'kq',
  'kqLess',
  'rng',
  'choose',
  'rec',
  'hooks',
  'inversions',
  'overflows',
  'counters',
  'tail',
  'model',
  'options',
  'shouldStop',
]);

function copyArrays<T extends object>(o: T, keys: readonly (keyof T)[]): T {
  const c = { ...o };
  for (const k of keys) {
    const v = c[k];
    if (Array.isArray(v)) c[k] = [...v] as T[keyof T];
  }
  return c;
}

const THREAD_ARRAYS = ['held', 'waitJoin', 'joiners', 'spawnQueue', 'outer'] as const;
const PROC_ARRAYS = ['parked', 'deathRow', 'creations', 'lwps'] as const;

/** Takes a snapshot of the world as it stands. */
export function takeSnapshot(w: World): Snapshot {
  const world: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w)) if (!STRUCTURED.has(k)) world[k] = v;
  const lists = {} as Record<ListName, unknown[]>;
  for (const k of LISTS) lists[k] = [...w[k]];
  return {
    world,
    counters: { ...w.counters },
    tail: { ...w.tail },
    rng: w.rng.seedState,
    events: w.heap.copies(),
    steps: w.steps.values(),
    kq: [...w.kq.items],
    lists,
    overflows: w.overflows.map((o) => ({ ...o })),
    inversions: w.inversions.save(),
    threads: w.threads.map((t) => copyArrays(t, THREAD_ARRAYS)),
    lwps: w.lwps.map((l) => ({ ...l })),
    cpus: w.cpus.map((c) => ({ ...c, ck: { ...c.ck } })),
    procs: w.procs.map((p) => ({ fields: copyArrays(p, PROC_ARRAYS), runq: [...p.runq.items] })),
    mutexes: w.procs.map((p) => p.mutexes.map((m) => ({ ...m, waiters: [...m.waiters] }))),
    condWaiters: w.procs.map((p) => p.conds.map((c) => [...c.waiters])),
    sems: w.procs.map((p) => p.sems.map((s) => ({ count: s.count, waiters: [...s.waiters] }))),
    rec: w.rec?.mark() ?? null,
  };
}

/** Returns the world to a snapshot taken of it earlier. */
export function restoreSnapshot(w: World, s: Snapshot): void {
  Object.assign(w, s.world);
  Object.assign(w.counters, s.counters);
  Object.assign(w.tail, s.tail);
  w.rng.seedState = s.rng;
  w.heap.reset(s.events);
  w.steps.reset(s.steps);
  for (const k of LISTS) {
    const list = w[k] as unknown[];
    list.length = 0;
    list.push(...s.lists[k]);
  }
  w.overflows.length = 0;
  for (const o of s.overflows) w.overflows.push({ ...o });
  w.inversions.load(s.inversions);
  // LWPs created after the snapshot never existed.
  w.lwps.length = s.lwps.length;
  for (let i = 0; i < s.threads.length; i++) Object.assign(w.threads[i], copyArrays(s.threads[i], THREAD_ARRAYS));
  for (let i = 0; i < s.lwps.length; i++) Object.assign(w.lwps[i], s.lwps[i]);
  for (let i = 0; i < s.cpus.length; i++) Object.assign(w.cpus[i], s.cpus[i], { ck: { ...s.cpus[i].ck } });
  for (let i = 0; i < s.procs.length; i++) {
    const p = w.procs[i];
    const runq = p.runq;
    Object.assign(p, copyArrays(s.procs[i].fields, PROC_ARRAYS));
    runq.clear();
    for (const t of s.procs[i].runq) runq.push(t);
    s.mutexes[i].forEach((m, k) => Object.assign(p.mutexes[k], m, { waiters: [...m.waiters] }));
    s.condWaiters[i].forEach((ws, k) => (p.conds[k].waiters = [...ws]));
    s.sems[i].forEach((x, k) => Object.assign(p.sems[k], { count: x.count, waiters: [...x.waiters] }));
  }
  w.kq.clear();
  for (const l of s.kq) w.kq.push(l);
  if (w.rec !== null && s.rec !== null) w.rec.rewind(s.rec);
}
