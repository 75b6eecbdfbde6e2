/**
 * The state encoder's helpers (encode.ts): renamings and their composition, the order of
 * encodings, the 64-bit hash of an encoding, and what a scenario's rules may still depend on
 * (the horizon, stack overflows).
 */
import type { World } from '../simulator/world';
import type { Stmt } from '../language/model';
import type { ObjectMap } from './symmetry';

/** The fingerprint of a state and the renaming of threads its canonical form used. */
export interface Fingerprint {
  hi: number;
  lo: number;
  /** Canonical thread id of each thread (for sleep sets kept across symmetric states). */
  threadMap: Int32Array;
}

/** A renaming of threads and sync objects (identity when null entries). */
export interface Renaming {
  threads: Int32Array;
  mutexes: (Int32Array | null)[];
  conds: (Int32Array | null)[];
  sems: (Int32Array | null)[];
}

export function opCode(s: Stmt): number {
  return 2 + s.op.length * 31 + s.op.charCodeAt(0);
}

export function mapIndex(m: Int32Array | null, i: number): number {
  return m === null ? i : m[i];
}

export function pushSorted(o: number[], xs: number[]): void {
  xs.sort((a, b) => a - b);
  o.push(xs.length);
  for (const x of xs) o.push(x);
}

export function pushList(o: number[], xs: number[]): void {
  o.push(xs.length);
  for (const x of xs) o.push(x);
}

export function compareArrays(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function lessThan(a: readonly number[], b: readonly number[]): boolean {
  return compareArrays(a, b) < 0;
}

export function copyRenaming(r: Renaming): Renaming {
  return {
    threads: Int32Array.from(r.threads),
    mutexes: r.mutexes.map((m) => (m === null ? null : Int32Array.from(m))),
    conds: r.conds.map((m) => (m === null ? null : Int32Array.from(m))),
    sems: r.sems.map((m) => (m === null ? null : Int32Array.from(m))),
  };
}

/** The renaming `r` followed by one step of a rotation. */
export function compose(r: Renaming, step: ObjectMap): Renaming {
  const out = copyRenaming(r);
  for (let i = 0; i < out.threads.length; i++) out.threads[i] = step.threads[r.threads[i]];
  const p = step.proc;
  const apply = (m: Int32Array | null, s: Int32Array): Int32Array => {
    const base = m ?? Int32Array.from(s, (_, i) => i);
    return Int32Array.from(base, (v) => s[v]);
  };
  out.mutexes[p] = apply(r.mutexes[p], step.mutexes);
  out.conds[p] = apply(r.conds[p], step.conds);
  out.sems[p] = apply(r.sems[p], step.sems);
  return out;
}

/** Two murmur3 lanes with different seeds over the encoding: a 64-bit fingerprint. */
export function hash64(a: readonly number[]): [number, number] {
  let h1 = 0x9747b28c ^ a.length;
  let h2 = 0x3c6ef372 ^ Math.imul(a.length, 0x27d4eb2d);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    // Values beyond 32 bits (long times) contribute their high part too.
    const lo = v | 0;
    const hi = (v / 4294967296) | 0;
    h1 = mix(h1, lo ^ Math.imul(hi, 0x5bd1e995));
    h2 = mix(h2, Math.imul(lo ^ 0xa5a5a5a5, 0x2545f491) ^ hi);
  }
  return [fmix(h1), fmix(h2 ^ Math.imul(h1, 0x9e3779b1))];
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Whether a run could still reach the horizon (then absolute time is part of the state). */
export function mayReachHorizon(w: World): boolean {
  let bound = 0;
  const m = w.model;
  const perDispatch = Math.max(m.costs.switch, m.costs.switchProcess) + m.costs.ipi + m.costs.lwpCreate + 1;
  for (const p of m.processes) {
    const pc = p.costs.create + p.costs.createCached + p.costs.ultSwitch;
    for (const t of p.threads) {
      bound = Math.max(bound, t.at);
      bound += work(t.body, perDispatch + pc);
    }
  }
  return bound >= w.horizon;
}

/** Ticks a body may take at most (durations at their maximum, a dispatch cost per statement). */
function work(body: Stmt[], perStmt: number): number {
  let sum = 0;
  for (const s of body) {
    if (s.op === 'compute' || s.op === 'io' || s.op === 'sleep') sum += s.duration.max;
    if (s.op === 'repeat') sum += s.count * work(s.body, perStmt);
    else sum += perStmt;
    if (sum > 2 ** 40) return sum;
  }
  return sum;
}

/** True when some thread may touch more stack than it has. */
export function mayOverflow(threads: { stack: number; body: Stmt[] }[]): boolean {
  const most = (b: Stmt[]): number =>
    Math.max(0, ...b.map((s) => (s.op === 'stack_use' ? s.bytes : s.op === 'repeat' ? most(s.body) : 0)));
  return threads.some((t) => most(t.body) > t.stack);
}

export function usesSpawn(bodies: Stmt[][]): boolean {
  return bodies.some((b) => b.some((s) => s.op === 'spawn' || (s.op === 'repeat' && usesSpawn([s.body]))));
}
