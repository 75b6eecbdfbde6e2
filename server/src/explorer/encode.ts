/**
 * The canonical encoding of a simulation's state at a unit boundary, and its 64-bit fingerprint:
 * two schedules that reach the same state (up to the symmetries of symmetry.ts and the renaming
 * of LWPs, and of CPUs where they are interchangeable) get the same fingerprint and are searched
 * once. The encoding holds everything the rest of the run depends on, up to the choices the
 * search branches on (docs/reference/language.md §7): every thread's position, loop counters, remaining time,
 * what it holds and waits for; queues in the order that decides; LWP/KLT/CPU assignment; pending
 * events relative to now; pending signals and arrivals; death row. Absolute time is kept only
 * where a rule still depends on it (the horizon, the reaper's period). Metrics are left out.
 */
import type { World } from '../simulator/world';
import type { LwpRt, ThreadRt } from '../simulator/entities';
import { EV } from '../simulator/event-kinds';
import type { Symmetries } from './symmetry';
import { compareArrays, compose, copyRenaming, hash64, lessThan, mapIndex, type Fingerprint } from './encode-parts';
import { mayOverflow, mayReachHorizon, opCode, pushList, pushSorted, usesSpawn, type Renaming } from './encode-parts';

export { hash64, type Fingerprint } from './encode-parts';

const END = { exited: 1, faulted: 2, killed: 3 } as const;
const BLOCK = { io: 1, sleep: 2, mutex: 3, condvar: 4, semaphore: 5, join: 6, deadlock: 7 } as const;
const LWP_STATE = { creating: 1, ready: 2, cpu: 3, blocked: 4, parked: 5, free: 6, gone: 7 } as const;
const PHASE = { switch: 1, step: 2, timed: 3, spin: 4, none: 5 } as const;
const CPU_STATE = { idle: 0, busy: 1, overhead: 2 } as const;

export class StateEncoder {
  private out: number[] = [];
  private best: number[] = [];
  private lwpName: Int32Array;
  private readonly lwpByName: LwpRt[] = [];
  private readonly cpuName: Int32Array;
  private nextLwp = 0;
  private nextCpu = 0;
  private readonly nThreads: number;
  /** Where each thread's body position is read from: the template is its declaration. */
  private readonly templates: Int32Array;
  private readonly timeMatters: boolean;
  private readonly reaperMods: number[];
  /** Per process: creation order decides a victim (red zones off and a stack can overflow). */
  private readonly creationOrder: boolean[];
  /** Per process: death row's order decides what a spawn reuses. */
  private readonly deathRowOrder: boolean[];

  constructor(
    private readonly w: World,
    private readonly sym: Symmetries,
  ) {
    this.nThreads = w.threads.length;
    this.lwpName = new Int32Array(Math.max(16, w.threads.length * 2 + 64)).fill(-1);
    this.cpuName = new Int32Array(w.cpus.length).fill(-1);
    const ids = new Map<string, number>();
    this.templates = Int32Array.from(w.threads, (t) => {
      const key = `${t.proc.index}/${t.spec.baseName}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
    this.timeMatters = mayReachHorizon(w);
    this.creationOrder = w.procs.map((p) => !p.spec.redzone && mayOverflow(p.spec.threads));
    this.deathRowOrder = w.procs.map((p) => usesSpawn(p.spec.threads.map((t) => t.body)));
    this.reaperMods = w.procs.map((p) =>
      p.spec.costs.create !== p.spec.costs.createCached && usesSpawn(p.spec.threads.map((t) => t.body))
        ? p.spec.reaper
        : 0,
    );
  }

  /** The canonical fingerprint of the world's current state. */
  fingerprint(): Fingerprint {
    const groups = this.sym.groups;
    const rot = groups.find((g) => g.kind === 'rotation');
    const base = this.baseRenaming();
    let bestMap = base.threads;
    this.encodeWith(base);
    [this.best, this.out] = [this.out, this.best];
    if (rot !== undefined && rot.kind === 'rotation') {
      let r = copyRenaming(base);
      for (let k = 1; k < rot.size; k++) {
        r = compose(r, rot.step);
        this.encodeWith(r);
        if (lessThan(this.out, this.best)) {
          [this.best, this.out] = [this.out, this.best];
          bestMap = r.threads;
        }
      }
    }
    const [hi, lo] = hash64(this.best);
    return { hi, lo, threadMap: Int32Array.from(bestMap) };
  }

  /** The encoding of the current state under the canonical renaming (for tests). */
  canonicalEncoding(): number[] {
    this.fingerprint();
    return [...this.best];
  }

  /** Identity, with each permutation group's members sorted by what they are doing. */
  private baseRenaming(): Renaming {
    const w = this.w;
    const threads = new Int32Array(this.nThreads);
    for (let i = 0; i < this.nThreads; i++) threads[i] = i;
    for (const g of this.sym.groups) {
      if (g.kind !== 'permutation') continue;
      const keyed = g.members.map((id) => ({ id, key: this.localKey(w.threads[id]) }));
      keyed.sort((a, b) => compareArrays(a.key, b.key) || a.id - b.id);
      const slots = [...g.members].sort((a, b) => a - b);
      keyed.forEach((x, k) => (threads[x.id] = slots[k]));
    }
    return { threads, mutexes: w.procs.map(() => null), conds: w.procs.map(() => null), sems: w.procs.map(() => null) };
  }

  /** What a thread is doing, without naming other threads (to order interchangeable ones). */
  private localKey(th: ThreadRt): number[] {
    const saved = this.out;
    this.out = [];
    this.resetNames();
    const ident: Renaming = {
      threads: new Int32Array(this.nThreads).fill(0),
      mutexes: this.w.procs.map(() => null),
      conds: this.w.procs.map(() => null),
      sems: this.w.procs.map(() => null),
    };
    this.thread(th, ident);
    const key = this.out;
    this.out = saved;
    return key;
  }

  private resetNames(): void {
    this.lwpName.fill(-1);
    this.cpuName.fill(-1);
    this.nextLwp = 0;
    this.nextCpu = 0;
  }

  private lwp(l: LwpRt | null): number {
    if (l === null) return -1;
    if (l.gid >= this.lwpName.length) {
      const bigger = new Int32Array(l.gid * 2 + 16).fill(-1);
      bigger.set(this.lwpName);
      this.lwpName = bigger;
    }
    let n = this.lwpName[l.gid];
    if (n < 0) {
      n = this.lwpName[l.gid] = this.nextLwp++;
      this.lwpByName[n] = l;
    }
    return n;
  }

  private cpu(index: number): number {
    if (index < 0) return -1;
    if (!this.sym.cpus) return index;
    let n = this.cpuName[index];
    if (n < 0) n = this.cpuName[index] = this.nextCpu++;
    return n;
  }

  private encodeWith(r: Renaming): void {
    const w = this.w;
    const o = this.out;
    o.length = 0;
    this.resetNames();
    o.push(w.inInstant ? 1 : 0, w.arriving ? 1 : 0, w.done ? 1 : 0, w.deadlockFound ? 1 : 0, w.faultFound ? 1 : 0);
    o.push(this.timeMatters ? w.now : 0);
    for (const m of this.reaperMods) o.push(m > 0 ? w.now % m : 0);
    o.push(w.stepping === null ? -1 : r.threads[w.stepping.id]);
    // Threads in canonical order.
    const order = new Int32Array(this.nThreads);
    for (let i = 0; i < this.nThreads; i++) order[r.threads[i]] = i;
    for (let c = 0; c < this.nThreads; c++) this.thread(w.threads[order[c]], r);
    const steppers: number[] = [];
    for (const id of w.steps.values()) steppers.push(r.threads[id]);
    pushSorted(o, steppers);
    for (const p of w.procs) this.process(p.index, r);
    this.readyQueue();
    this.arrivals(r);
    this.events(r);
    // LWPs and CPUs, in the order their names were given (new names may appear on the way).
    let n = 0;
    for (; n < this.nextLwp; n++) this.lwpFields(n, r);
    this.cpus();
    for (; n < this.nextLwp; n++) this.lwpFields(n, r);
  }

  private thread(th: ThreadRt, r: Renaming): void {
    const o = this.out;
    const p = th.proc.index;
    o.push(th.created ? 1 : 0, th.pendingCreate ? 1 : 0, th.end === null ? 0 : END[th.end]);
    o.push(this.templates[th.id], th.outer.length);
    for (const f of th.outer) o.push(f.pc, f.left);
    o.push(th.pc, th.left);
    const cur = th.cur;
    o.push(cur === null ? 0 : cur === th.body[th.pc - 1] ? 1 : opCode(cur), th.rem, th.effPrio);
    o.push(th.block === null ? 0 : BLOCK[th.block], th.spinning ? 1 : 0, th.deadlocked ? 1 : 0);
    o.push(th.waitMutex === null ? -1 : mapIndex(r.mutexes[p], th.waitMutex.spec.index));
    o.push(th.waitCond === null ? -1 : mapIndex(r.conds[p], th.waitCond.spec.index));
    o.push(th.waitSem === null ? -1 : mapIndex(r.sems[p], th.waitSem.spec.index));
    pushSorted(
      o,
      th.held.map((m) => mapIndex(r.mutexes[p], m.spec.index)),
    );
    pushSorted(o, th.waitJoin === null ? [] : th.waitJoin.map((t) => r.threads[t.id]));
    pushSorted(
      o,
      th.joiners.map((t) => r.threads[t.id]),
    );
    pushList(o, th.spawnQueue === null ? [] : th.spawnQueue.map((t) => r.threads[t.id]));
    o.push(this.lwp(th.lwp), th.corruptedBy === null ? -1 : r.threads[th.corruptedBy.id]);
    o.push(this.creationOrder[p] ? th.creationIndex : 0);
  }

  private process(p: number, r: Renaming): void {
    const o = this.out;
    const proc = this.w.procs[p];
    // Among equal priorities the library's pick is a choice: the queue is a multiset.
    const rq = proc.runq.items.map((t) => t.effPrio * 65536 + r.threads[t.id]);
    pushSorted(o, rq);
    pushList(
      o,
      proc.parked.map((l) => this.lwp(l)),
    );
    o.push(proc.lwpsComing, proc.concurrency, proc.killed ? 1 : 0, proc.reaperScheduled ? 1 : 0);
    if (this.deathRowOrder[p])
      pushList(
        o,
        proc.deathRow.map((t) => r.threads[t.id]),
      );
    else o.push(proc.deathRow.length);
    if (this.creationOrder[p])
      pushList(
        o,
        proc.creations.map((t) => r.threads[t.id]),
      );
    o.push(proc.pendingCorruption === null ? -1 : r.threads[proc.pendingCorruption.id]);
    const mm = r.mutexes[p];
    const byCanon = new Int32Array(proc.mutexes.length);
    for (let i = 0; i < proc.mutexes.length; i++) byCanon[mapIndex(mm, i)] = i;
    for (let c = 0; c < proc.mutexes.length; c++) {
      const m = proc.mutexes[byCanon[c]];
      o.push(m.owner === null ? -1 : r.threads[m.owner.id]);
      pushList(
        o,
        m.waiters.map((t) => r.threads[t.id]),
      );
    }
    const cm = r.conds[p];
    const condByCanon = new Int32Array(proc.conds.length);
    for (let i = 0; i < proc.conds.length; i++) condByCanon[mapIndex(cm, i)] = i;
    for (let c = 0; c < proc.conds.length; c++) {
      pushList(
        o,
        proc.conds[condByCanon[c]].waiters.map((t) => r.threads[t.id]),
      );
    }
    const sm = r.sems[p];
    const semByCanon = new Int32Array(proc.sems.length);
    for (let i = 0; i < proc.sems.length; i++) semByCanon[mapIndex(sm, i)] = i;
    for (let c = 0; c < proc.sems.length; c++) {
      const s = proc.sems[semByCanon[c]];
      o.push(s.count);
      pushList(
        o,
        s.waiters.map((t) => r.threads[t.id]),
      );
    }
  }

  /** The kernel's ready queue: what decides its order (priority or key, instant of readiness). */
  private readyQueue(): void {
    const w = this.w;
    const items = [...w.kq.items].sort((a, b) => (w.kqLess(a, b) ? -1 : 1));
    let heads = 0;
    const o = this.out;
    o.push(items.length);
    for (const l of items) {
      const k1 = l.k1 < 0 ? -++heads : l.k1 - 2 * w.now;
      o.push(this.lwp(l), l.kp, k1, l.sjfKey);
    }
  }

  private lwpFields(n: number, r: Renaming): void {
    const w = this.w;
    const l = this.lwpByName[n];
    const o = this.out;
    o.push(l.proc.index, LWP_STATE[l.state], PHASE[l.phase], this.cpu(l.cpu === null ? -1 : l.cpu.id));
    o.push(this.cpu(l.lastCpu), l.thread === null ? -1 : r.threads[l.thread.id], l.bound === null ? -1 : 1);
    o.push(l.kp, l.qLeft, l.qExpired ? 1 : 0, l.preempt ? 1 : 0, l.ultPreempt ? 1 : 0, l.ultIpiPending ? 1 : 0);
    o.push(l.pin, l.lastUlt === null ? -1 : r.threads[l.lastUlt.id]);
    o.push(l.phase === 'timed' || l.phase === 'spin' ? w.now - l.sliceStart : 0);
  }

  private cpus(): void {
    const w = this.w;
    const o = this.out;
    // CPUs no LWP named yet (idle ones): named in the order of what they hold.
    const unnamed = w.cpus.filter((c) => !this.sym.cpus || this.cpuName[c.id] < 0);
    unnamed.sort(
      (a, b) =>
        (a.lastProc?.index ?? -1) - (b.lastProc?.index ?? -1) || Number(a.everRan) - Number(b.everRan) || a.id - b.id,
    );
    for (const c of unnamed) this.cpu(c.id);
    const byName = new Int32Array(w.cpus.length);
    for (const c of w.cpus) byName[this.cpu(c.id)] = c.id;
    for (let n = 0; n < w.cpus.length; n++) {
      const c = w.cpus[byName[n]];
      o.push(this.lwp(c.lwp), c.lastProc === null ? -1 : c.lastProc.index, c.everRan ? 1 : 0, c.ipiPending ? 1 : 0);
      o.push(CPU_STATE[c.state]);
    }
  }

  private arrivals(r: Renaming): void {
    const w = this.w;
    const o = this.out;
    pushSorted(
      o,
      w.kArrivals.map((l) => this.lwp(l) * 512 + (this.cpu(l.readyCause) + 1)),
    );
    pushSorted(
      o,
      w.uArrivals.map((t) => r.threads[t.id] * 512 + (this.cpu(t.readyCause) + 1)),
    );
    pushSorted(
      o,
      w.kSignals.map((c) => this.cpu(c.id)),
    );
    pushSorted(
      o,
      w.uSignals.map((l) => this.lwp(l)),
    );
    pushSorted(
      o,
      w.idleBegins.map((l) => this.lwp(l)),
    );
    pushSorted(
      o,
      w.freedPool.map((l) => this.lwp(l)),
    );
  }

  /** Pending events that still take effect, relative to now, as a sorted multiset. */
  private events(r: Renaming): void {
    const w = this.w;
    const list: number[][] = [];
    w.heap.forEach((e) => {
      const t = this.target(e.kind, e.target, e.gen, r);
      if (t === null) return;
      list.push([e.t - w.now, e.phase, e.kind, t]);
    });
    list.sort(compareArrays);
    const o = this.out;
    o.push(list.length);
    for (const x of list) o.push(x[0], x[1], x[2], x[3]);
  }

  /** The renamed target of an event, or null when the event no longer does anything. */
  private target(kind: number, target: number, gen: number, r: Renaming): number | null {
    const w = this.w;
    switch (kind) {
      case EV.slice:
      case EV.switchEnd:
      case EV.spinQuantum: {
        const l = w.lwps[target];
        const phase = kind === EV.slice ? 'timed' : kind === EV.switchEnd ? 'switch' : 'spin';
        return l !== undefined && l.gen === gen && l.phase === phase ? this.lwp(l) : null;
      }
      case EV.io:
      case EV.sleep: {
        const th = w.threads[target];
        return th.end === null && th.block === (kind === EV.io ? 'io' : 'sleep') ? r.threads[target] : null;
      }
      case EV.kernelIpi:
        return w.cpus[target].ipiPending ? this.cpu(target) : null;
      case EV.libraryIpi: {
        const l = w.lwps[target];
        return l !== undefined && l.ultIpiPending ? this.lwp(l) : null;
      }
      case EV.create:
        return w.threads[target].created ? null : r.threads[target];
      case EV.lwpReady: {
        const l = w.lwps[target];
        return l !== undefined && l.state === 'creating' ? this.lwp(l) : null;
      }
      case EV.reap:
        return w.procs[target].reaperScheduled ? target : null;
      case EV.age: {
        const l = w.lwps[target];
        return l !== undefined && l.state === 'parked' && l.parkedSince === gen ? this.lwp(l) : null;
      }
      default:
        return target;
    }
  }
}
