/**
 * The thread library of a process (LANGUAGE.md §5.3–§5.4): the run queue of unbound ULTs, the
 * LWP pool (park, unpark, aging), library preemption (at once on the current CPU, by a signal
 * `cost ipi` later otherwise), `yield`, `thr_setconcurrency` and SIGWAITING.
 */
import type { Engine } from './engine';
import type { LwpRt, ProcRt, ThreadRt } from './entities';
import { makeReady, stopSlice, takeOffCpu, dispatch, beginRun } from './kernel';
import { touchLwp, touchThread, touchCpu } from './accounting';
import { newLwp } from './setup';
import { EV } from './events';

/** Puts a runnable ULT in its process's run queue; unparks an LWP or preempts a lower ULT. */
export function enqueueUlt(e: Engine, th: ThreadRt, where: 'tail' | 'head', external: boolean): void {
  const proc = th.proc;
  th.lwp = null;
  th.rqKey = where === 'head' ? -++e.rqCounter : ++e.rqCounter;
  proc.runq.push(th);
  touchThread(e, th);
  if (where === 'head') return;
  const parked = proc.parked.pop();
  if (parked !== undefined) {
    e.rec?.event('unpark', null, { lwp: parked, process: proc.spec.name });
    makeReady(e, parked);
    return;
  }
  maybePreemptFor(e, th, external);
}

/** Preempts the lowest-priority ULT running on a pool LWP of the process when `th` outranks it. */
function maybePreemptFor(e: Engine, th: ThreadRt, external: boolean): void {
  const proc = th.proc;
  // The lowest-priority ULT running on a pool LWP whose KLT is on a CPU.
  let victim: LwpRt | null = null;
  for (const l of proc.lwps) {
    if (l.bound || l.state !== 'cpu' || l.thread === null || l.ultIpiPending || l.cpu === null) continue;
    if (
      victim === null ||
      l.thread.effPrio < (victim.thread as ThreadRt).effPrio ||
      (l.thread.effPrio === (victim.thread as ThreadRt).effPrio &&
        l.cpu.id < (victim.cpu as NonNullable<LwpRt['cpu']>).id)
    )
      victim = l;
  }
  if (victim === null || th.effPrio <= (victim.thread as ThreadRt).effPrio) return;
  if (!external && victim.cpu !== null && e.causeCpu === victim.cpu.id) {
    deliverUltPreempt(e, victim);
    return;
  }
  e.counters.ipis++;
  e.rec?.event('ipi', victim.thread, {
    lwp: victim,
    detail: `signal to preempt ${victim.thread?.name} for ${th.name}`,
  });
  if (e.model.costs.ipi === 0) {
    deliverUltPreempt(e, victim);
    return;
  }
  victim.ultIpiPending = true;
  e.at(e.now + e.model.costs.ipi, 1, victim.ord, EV.libraryIpi, victim.gid, 0);
}

/** A library signal arrives at an LWP. */
export function libraryIpi(e: Engine, l: LwpRt, _gen: number): void {
  l.ultIpiPending = false;
  deliverUltPreempt(e, l);
}

function deliverUltPreempt(e: Engine, l: LwpRt): void {
  const u = l.thread;
  if (l.state !== 'cpu' || u === null) return;
  const head = l.proc.runq.peek();
  if (head === undefined || head.effPrio <= u.effPrio) return;
  if (l.phase === 'timed' || l.phase === 'spin') ultPreemptNow(e, l);
  else l.ultPreempt = true;
}

function ultPreemptNow(e: Engine, l: LwpRt): void {
  const u = l.thread as ThreadRt;
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(e, l);
  l.ultPreempt = false;
  e.rec?.event('preempt', u, { lwp: l, detail: 'library preemption' });
  l.thread = null;
  enqueueUlt(e, u, 'head', false);
  switchNext(e, l);
}

/** At a timed statement: applies a library preemption decided at this instant. */
export function libraryYieldPoint(e: Engine, l: LwpRt): boolean {
  l.ultPreempt = false;
  const u = l.thread;
  const head = l.proc.runq.peek();
  if (u === null || head === undefined || head.effPrio <= u.effPrio) return false;
  ultPreemptNow(e, l);
  return true;
}

/** `yield` of an unbound ULT: the head of the run queue runs if it has the same or a higher priority. */
export function libraryYield(e: Engine, th: ThreadRt, l: LwpRt): boolean {
  const head = th.proc.runq.peek();
  if (head === undefined || head.effPrio < th.effPrio) return false;
  l.thread = null;
  th.rqKey = ++e.rqCounter;
  th.lwp = null;
  th.proc.runq.push(th);
  touchThread(e, th);
  switchNext(e, l);
  return true;
}

/** An LWP on a CPU whose ULT left: it takes the head of the run queue, or parks. */
export function switchNext(e: Engine, l: LwpRt): void {
  const u = pickUlt(e, l.proc);
  if (u === undefined) {
    park(e, l);
    return;
  }
  l.thread = u;
  u.lwp = l;
  // A switch from another ULT costs ult_switch; an LWP's first ULT, or the same one again, does not.
  const cost = l.lastUlt !== null && l.lastUlt !== u ? l.proc.spec.costs.ultSwitch : 0;
  l.lastUlt = u;
  e.rec?.event('run', u, { lwp: l, detail: 'library switch' });
  if (cost > 0 && l.cpu !== null) {
    if (l.phase === 'timed' || l.phase === 'spin') stopSlice(e, l);
    l.phase = 'switch';
    l.gen++;
    touchThread(e, u);
    touchLwp(e, l);
    touchCpu(e, l.cpu);
    e.at(e.now + cost, 0, l.ord, EV.switchEnd, l.gid, l.gen);
    return;
  }
  beginRun(e, l);
}

/** The head of the run queue, or (with a choice hook) any ULT of the head's priority (a tie, LANGUAGE.md §7). */
function pickUlt(e: Engine, proc: ProcRt): ThreadRt | undefined {
  const head = proc.runq.peek();
  if (head === undefined || e.choose === null) return proc.runq.pop();
  const all = proc.runq.items
    .filter((t) => t.effPrio === head.effPrio)
    .sort((a, b) => a.rqKey - b.rqKey || a.ord - b.ord);
  let u = head;
  if (all.length > 1) {
    const pick = e.choose({
      t: e.now,
      kind: 'tie',
      count: all.length,
      defaultPick: all.indexOf(head),
      labels: all.map((t) => t.name),
    });
    u = all[Number.isInteger(pick) && pick >= 0 && pick < all.length ? pick : all.indexOf(head)];
  }
  proc.runq.remove(u);
  return u;
}

/** A pool LWP got a CPU without a ULT (unparked): it takes the head of the run queue. */
export function lwpBegins(e: Engine, l: LwpRt): void {
  switchNext(e, l);
}

/** An unbound ULT blocks in the library: its LWP goes on with another ULT or parks. */
export function releaseLwp(e: Engine, th: ThreadRt): void {
  const l = th.lwp;
  th.lwp = null;
  touchThread(e, th);
  if (l === null) return;
  l.thread = null;
  if (l.state === 'cpu') {
    if (l.phase === 'timed' || l.phase === 'spin') stopSlice(e, l);
    switchNext(e, l);
  }
}

/** A pool LWP off its CPU with no ULT (back from io whose thread ended, or new): run or park. */
export function poolLwpFree(e: Engine, l: LwpRt): void {
  l.thread = null;
  if (l.proc.runq.size > 0) makeReady(e, l);
  else park(e, l);
}

function park(e: Engine, l: LwpRt): void {
  const cpu = l.cpu;
  if (cpu !== null) takeOffCpu(e, l);
  if (e.kq.has(l)) e.kq.remove(l);
  l.state = 'parked';
  l.thread = null;
  l.parkedSince = e.now;
  l.proc.parked.push(l);
  e.rec?.event('park', null, { lwp: l, process: l.proc.spec.name, cpu: cpu?.id ?? null });
  touchLwp(e, l);
  scheduleAging(e, l);
  if (cpu !== null) dispatch(e, cpu);
}

/** LWP aging is housekeeping: it neither extends a run nor counts as progress. */
export function scheduleAging(e: Engine, l: LwpRt): void {
  if (l.proc.spec.model !== 'many_to_many') return;
  e.at(e.now + l.proc.spec.lwpIdleTimeout, 3, l.ord, EV.age, l.gid, l.parkedSince, false);
}

function poolSize(proc: ProcRt): number {
  let n = 0;
  for (const l of proc.lwps) if (!l.bound && l.state !== 'gone' && l.state !== 'creating') n++;
  return n;
}

/** A parked LWP's idle timeout: given back while the pool holds more than max(1, concurrency). */
export function agePool(e: Engine, l: LwpRt, since: number): void {
  const proc = l.proc;
  if (l.state !== 'parked' || l.parkedSince !== since || proc.killed) return;
  if (poolSize(proc) <= Math.max(1, proc.concurrency)) return;
  const i = proc.parked.indexOf(l);
  if (i >= 0) proc.parked.splice(i, 1);
  l.state = 'gone';
  e.counters.lwpsReclaimed++;
  e.rec?.event('lwp_reclaim', null, { lwp: l, process: proc.spec.name });
  touchLwp(e, l);
}

/** Asks the kernel for one more pool LWP, ready after `cost lwp_create`. */
export function requestLwp(e: Engine, proc: ProcRt): void {
  const l = newLwp(e, proc, null);
  proc.lwpsComing++;
  const c = e.model.costs.lwpCreate;
  if (c === 0) lwpArrives(e, l.gid, 0);
  else e.at(e.now + c, 2, l.ord, EV.lwpReady, l.gid, 0);
}

/** `concurrency C` / `set_concurrency C`: LWPs until the pool holds at least C. */
export function growPool(e: Engine, proc: ProcRt): void {
  while (poolSize(proc) + proc.lwpsComing < proc.concurrency) requestLwp(e, proc);
}

export function setConcurrency(e: Engine, proc: ProcRt, n: number): void {
  if (proc.spec.model !== 'many_to_many') return;
  proc.concurrency = n;
  growPool(e, proc);
}

/** A requested LWP is ready: a bound one runs its thread, a pool one takes work or parks. */
export function lwpArrives(e: Engine, gid: number, _gen: number): void {
  const l = e.lwps[gid];
  if (l.state !== 'creating') return;
  const proc = l.proc;
  if (proc.killed) {
    l.state = 'gone';
    return;
  }
  e.counters.lwpsCreated++;
  e.rec?.event('lwp_create', l.bound, { lwp: l, process: proc.spec.name });
  if (l.bound) {
    makeReady(e, l);
    return;
  }
  proc.lwpsComing--;
  poolLwpFree(e, l);
}

/** The priority of an unbound ULT changed: reorder the run queue; a raised ULT may preempt. */
export function libraryPriorityChanged(e: Engine, th: ThreadRt): void {
  if (th.proc.runq.has(th)) {
    th.proc.runq.update(th);
    maybePreemptFor(e, th, false);
  } else if (th.lwp !== null && th.lwp.state === 'cpu') {
    deliverUltPreempt(e, th.lwp);
  }
}

/** End of an instant: SIGWAITING when every pool LWP is blocked in io with ULTs runnable. */
export function checkSigwaiting(e: Engine, proc: ProcRt): boolean {
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
    e.counters.upcalls++;
    e.rec?.event('upcall', null, { process: pm.name, detail: 'SIGWAITING: every LWP is blocked' });
    requestLwp(e, proc);
    return false;
  }
  return true;
}
