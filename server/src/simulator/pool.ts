/**
 * The LWP pool of a process (docs/reference/language.md §5.3–§5.4): LWPs asked of the kernel (the initial pool,
 * `concurrency`, `set_concurrency`, SIGWAITING), their arrival after `cost lwp_create`, aging,
 * and the SIGWAITING check. Bound LWPs are created here too, beside the library that uses them.
 */
import type { World } from './world';
import { ordOf, type LwpRt, type ProcRt, type ThreadRt } from './entities';
import { makeReady } from './kernel';
import { poolLwpFree } from './library';
import { touchLwp } from './accounting';
import { EV } from './event-kinds';

function poolSize(proc: ProcRt): number {
  let n = 0;
  for (const l of proc.lwps) if (!l.bound && l.state !== 'gone' && l.state !== 'creating') n++;
  return n;
}

/** A parked LWP's idle timeout: given back while the pool holds more than max(1, concurrency). */
export function agePool(w: World, l: LwpRt, since: number): void {
  const proc = l.proc;
  if (l.state !== 'parked' || l.parkedSince !== since || proc.killed) return;
  if (poolSize(proc) <= Math.max(1, proc.concurrency)) return;
  const i = proc.parked.indexOf(l);
  if (i >= 0) proc.parked.splice(i, 1);
  l.state = 'gone';
  w.count('lwpsReclaimed');
  w.rec?.event('lwp_reclaim', null, { lwp: l, process: proc.spec.name });
  touchLwp(w, l);
}

/** A new LWP (in state `creating`); bound to a thread or part of the pool. */
export function newLwp(w: World, proc: ProcRt, bound: ThreadRt | null): LwpRt {
  const id = ++proc.nextLwpId;
  const fields: LwpRt = {
    // The ready queue's keys first (a heap operation reads them from a dozen LWPs), then the
    // fields read on every statement or event: they share the first cache lines.
    heapIndex: -1,
    kp: bound ? bound.effPrio : proc.spec.priority,
    k1: 0,
    ord: bound ? bound.ord : ordOf(proc.index, 524288 + id),
    gid: w.lwps.length,
    sjfKey: 0,
    thread: bound,
    state: 'creating',
    phase: 'none',
    cpu: null,
    gen: 0,
    preempt: false,
    ultPreempt: false,
    qExpired: false,
    qLeft: 0,
    sliceStart: 0,
    pin: bound && bound.spec.pin !== null ? bound.spec.pin : -1,
    lastCpu: -1,
    proc,
    bound,
    lastUlt: bound,
    ultIpiPending: false,
    readyCause: -1,
    id,
    parkedSince: 0,
    spanLane: w.rec ? w.rec.addLane({ kind: 'lwp', process: proc.spec.name, lwp: id }) : -1,
  };
  // An LWP keeps its object for the whole run, even when a restored snapshot forgets it and
  // it is created again: what snapshots hold keeps pointing at the right LWP.
  const known = w.lwpObjects[fields.gid];
  const l = known === undefined ? fields : Object.assign(known, fields);
  if (known === undefined) w.lwpObjects.push(l);
  w.lwps.push(l);
  proc.lwps.push(l);
  if (bound) bound.lwp = l;
  return l;
}

/** Asks the kernel for one more pool LWP, ready after `cost lwp_create` (`cause`: the upcall's event). */
export function requestLwp(w: World, proc: ProcRt, cause = -1): void {
  w.dependent();
  const l = newLwp(w, proc, null);
  if (cause >= 0) w.rec?.expect(`new:${l.gid}`, cause);
  proc.lwpsComing++;
  const c = w.model.costs.lwpCreate;
  if (c === 0) lwpArrives(w, l.gid);
  else w.at(w.now + c, 2, l.ord, EV.lwpReady, l.gid, 0);
}

/** `concurrency C` / `set_concurrency C`: LWPs until the pool holds at least C. */
export function growPool(w: World, proc: ProcRt): void {
  for (let n = poolSize(proc) + proc.lwpsComing; n < proc.concurrency; n++) requestLwp(w, proc);
}

export function setConcurrency(w: World, proc: ProcRt, n: number): void {
  if (proc.spec.model !== 'many_to_many') return;
  proc.concurrency = n;
  growPool(w, proc);
}

/** A requested LWP is ready: a bound one runs its thread, a pool one takes work or parks. */
export function lwpArrives(w: World, gid: number): void {
  const l = w.lwps[gid];
  if (l.state !== 'creating') return;
  const proc = l.proc;
  if (proc.killed) {
    l.state = 'gone';
    return;
  }
  w.count('lwpsCreated');
  const rec = w.rec;
  if (rec !== null)
    rec.event('lwp_create', l.bound, { lwp: l, process: proc.spec.name, cause: rec.take(`new:${l.gid}`) });
  if (l.bound) {
    makeReady(w, l);
    return;
  }
  proc.lwpsComing--;
  poolLwpFree(w, l);
}

/** End of an instant: SIGWAITING when every pool LWP is blocked in io with ULTs runnable. */
export function checkSigwaiting(w: World, proc: ProcRt): boolean {
  const pm = proc.spec;
  if (pm.model === 'one_to_one' || proc.killed || proc.runq.size === 0 || proc.lwpsComing > 0) return false;
  let pool = 0;
  for (const l of proc.lwps) {
    if (l.bound || l.state === 'gone' || l.state === 'creating') continue;
    pool++;
    if (l.state !== 'blocked' || l.thread === null || l.thread.block !== 'io') return false;
  }
  if (pool === 0) return false;
  if (pm.model === 'many_to_many' && pm.sigwaiting) {
    w.count('upcalls');
    const e =
      w.rec?.event('upcall', null, { process: pm.name, detail: 'SIGWAITING: every pool LWP is blocked in io' }) ?? -1;
    requestLwp(w, proc, e);
    return false;
  }
  return true;
}
