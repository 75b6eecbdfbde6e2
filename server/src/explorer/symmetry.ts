/**
 * Symmetries a search may exploit (docs/reference/language.md §7): the threads of one array whose bodies do not
 * depend on their index are interchangeable; where they do, a rotation of the thread indices is a
 * symmetry when applied together to every array of the same length that they index by `i`; and
 * unpinned CPUs are interchangeable when nothing the scheduler decides depends on a CPU's number.
 *
 * Symmetries are found by checking the program itself, not by reading `i` in the text: a
 * candidate map of threads and sync objects is kept only when every thread of the process maps
 * to a thread with the same attributes and the same body under the map (an automorphism of the
 * program). The search canonicalises a state by the group a symmetry generates.
 */
import type { Model, ProcessModel, Stmt, ThreadSpec } from '../language/model';

/** A map of the threads (engine ids) and the sync objects of one process. */
export interface ObjectMap {
  proc: number;
  /** threads[id] = the image of thread `id` (identity outside the process). */
  threads: Int32Array;
  mutexes: Int32Array;
  conds: Int32Array;
  sems: Int32Array;
}

/** A group to canonicalise over: its rotations, or all permutations of interchangeable threads. */
export type SymmetryGroup =
  | { kind: 'rotation'; label: string; proc: number; size: number; step: ObjectMap }
  | { kind: 'permutation'; label: string; proc: number; members: number[] };

export interface Symmetries {
  groups: SymmetryGroup[];
  /** Unpinned CPUs may be renamed (every KLT always finds an idle CPU, switch costs do not differ). */
  cpus: boolean;
  /** What the search uses, in words. */
  describe(): string[];
}

/** The engine id of every thread: processes, then threads, in declaration order. */
export function threadIds(model: Model): number[][] {
  let next = 0;
  return model.processes.map((p) => p.threads.map(() => next++));
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Sync arrays of a process by kind: baseName → indices in array order. */
function arraysOf(items: { baseName: string; arrayIndex: number | null; index: number }[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const x of items) {
    if (x.arrayIndex === null) continue;
    let list = out.get(x.baseName);
    if (list === undefined) out.set(x.baseName, (list = []));
    list[x.arrayIndex] = x.index;
  }
  return out;
}

/** Rotates by one every array of `n` elements. */
function rotateArrays(n: number, count: number, arrays: Map<string, number[]>): Int32Array {
  const map = identity(count);
  for (const list of arrays.values()) {
    if (list.length !== n) continue;
    for (let j = 0; j < n; j++) map[list[j]] = list[(j + 1) % n];
  }
  return map;
}

function sameAttrs(a: ThreadSpec, b: ThreadSpec): boolean {
  return (
    a.priority === b.priority &&
    a.bound === b.bound &&
    a.pin === b.pin &&
    a.stack === b.stack &&
    a.at === b.at &&
    a.deferred === b.deferred &&
    a.baseName === b.baseName
  );
}

/** True when `b` is `a` with every reference mapped by `m` (`local`: the process's thread index map). */
function sameBody(a: Stmt[], b: Stmt[], m: ObjectMap, local: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.op !== y.op) return false;
    switch (x.op) {
      case 'compute':
      case 'io':
      case 'sleep': {
        const d = (y as typeof x).duration;
        if (x.duration.min !== d.min || x.duration.max !== d.max) return false;
        break;
      }
      case 'lock':
      case 'unlock':
        if (m.mutexes[x.mutex] !== (y as typeof x).mutex) return false;
        break;
      case 'wait': {
        const z = y as typeof x;
        if (m.conds[x.condvar] !== z.condvar || m.mutexes[x.mutex] !== z.mutex) return false;
        break;
      }
      case 'signal':
      case 'broadcast':
        if (m.conds[x.condvar] !== (y as typeof x).condvar) return false;
        break;
      case 'sem_wait':
      case 'sem_post':
        if (m.sems[x.semaphore] !== (y as typeof x).semaphore) return false;
        break;
      case 'spawn':
      case 'join': {
        const mapped = x.threads.map((t) => local[t]).sort((p, q) => p - q);
        const other = [...(y as typeof x).threads].sort((p, q) => p - q);
        if (mapped.length !== other.length || mapped.some((t, i) => t !== other[i])) return false;
        break;
      }
      case 'set_concurrency':
        if (x.level !== (y as typeof x).level) return false;
        break;
      case 'stack_use':
        if (x.bytes !== (y as typeof x).bytes) return false;
        break;
      case 'repeat': {
        const z = y as typeof x;
        if (x.count !== z.count || !sameBody(x.body, z.body, m, local)) return false;
        break;
      }
      default:
        break;
    }
  }
  return true;
}

/** True when `m` maps the process onto itself: every thread to one with the same attributes and body. */
function isAutomorphism(proc: ProcessModel, ids: number[], m: ObjectMap): boolean {
  const first = ids[0] ?? 0;
  const local = new Int32Array(proc.threads.length);
  for (let k = 0; k < proc.threads.length; k++) local[k] = m.threads[ids[k]] - first;
  for (let k = 0; k < proc.threads.length; k++) {
    const a = proc.threads[k];
    const b = proc.threads[local[k]];
    if (!sameAttrs(a, b) || !sameBody(a.body, b.body, m, local)) return false;
  }
  return true;
}

function findGroups(model: Model, total: number): SymmetryGroup[] {
  const groups: SymmetryGroup[] = [];
  const ids = threadIds(model);
  for (const proc of model.processes) {
    const pids = ids[proc.index];
    const byArray = new Map<string, number[]>();
    for (const t of proc.threads) {
      if (t.arrayIndex === null || t.arrayLength === null || t.arrayLength < 2) continue;
      let list = byArray.get(t.baseName);
      if (list === undefined) byArray.set(t.baseName, (list = []));
      list[t.arrayIndex] = pids[t.index];
    }
    const mutexArrays = arraysOf(proc.mutexes);
    const condArrays = arraysOf(proc.condvars);
    const semArrays = arraysOf(proc.semaphores);
    for (const [name, members] of byArray) {
      const n = members.length;
      // Interchangeable: every transposition of neighbours, with the sync objects fixed.
      const swaps = members.slice(0, -1).every((a, k) => {
        const t = identity(total);
        t[a] = members[k + 1];
        t[members[k + 1]] = a;
        const m: ObjectMap = {
          proc: proc.index,
          threads: t,
          mutexes: identity(proc.mutexes.length),
          conds: identity(proc.condvars.length),
          sems: identity(proc.semaphores.length),
        };
        return isAutomorphism(proc, pids, m);
      });
      if (swaps) {
        groups.push({
          kind: 'permutation',
          label: `${proc.name}: ${name}[${n}] interchangeable`,
          proc: proc.index,
          members,
        });
        continue;
      }
      // A rotation, applied to every array of the same length.
      const t = identity(total);
      for (let k = 0; k < n; k++) t[members[k]] = members[(k + 1) % n];
      const step: ObjectMap = {
        proc: proc.index,
        threads: t,
        mutexes: rotateArrays(n, proc.mutexes.length, mutexArrays),
        conds: rotateArrays(n, proc.condvars.length, condArrays),
        sems: rotateArrays(n, proc.semaphores.length, semArrays),
      };
      if (isAutomorphism(proc, pids, step)) {
        const rotated = [...mutexArrays, ...condArrays, ...semArrays]
          .filter(([, l]) => l.length === n)
          .map(([b]) => `${b}[${n}]`);
        groups.push({
          kind: 'rotation',
          label: `${proc.name}: rotations of ${name}[${n}]${rotated.length ? ` with ${rotated.join(', ')}` : ''}`,
          proc: proc.index,
          size: n,
          step,
        });
      }
    }
  }
  return groups;
}

/**
 * Unpinned CPUs are interchangeable when no rule the search does not branch on reads a CPU's
 * number: every KLT always finds an idle CPU (so no preemption chooses a victim by CPU index),
 * nobody is pinned, and a switch costs the same whatever ran on the CPU before.
 */
function cpusInterchangeable(model: Model): boolean {
  let klts = 0;
  for (const p of model.processes) {
    for (const t of p.threads) if (t.pin !== null) return false;
    if (p.model === 'one_to_one') klts += p.threads.length;
    else klts += p.threads.filter((t) => t.bound).length + Math.max(p.lwps, p.concurrency, 1) + p.threads.length;
  }
  return klts <= model.cpus && model.costs.switch === model.costs.switchProcess;
}

/** The symmetries of a model (none when `enabled` is false). */
export function findSymmetries(model: Model, enabled = true): Symmetries {
  const total = model.processes.reduce((n, p) => n + p.threads.length, 0);
  const groups = enabled ? findGroups(model, total) : [];
  const cpus = enabled && cpusInterchangeable(model);
  return {
    groups,
    cpus,
    describe: () => [...groups.map((g) => g.label), ...(cpus ? ['unpinned CPUs interchangeable'] : [])],
  };
}
