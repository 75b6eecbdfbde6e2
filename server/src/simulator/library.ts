/**
 * The thread library of a process (docs/reference/language.md §5.3–§5.4): the run queue of unbound ULTs, the
 * LWP pool (park, unpark, aging), library preemption (at once on the current CPU, by a signal
 * `cost ipi` later otherwise), `yield`, `thr_setconcurrency` and SIGWAITING.
 */
import type { World } from './world';
import { must, type LwpRt, type ProcRt, type ThreadRt } from './entities';
import { makeReady, stopSlice, takeOffCpu, dispatch, beginRun } from './kernel';
import { touchLwp, touchThread, touchCpu } from './accounting';
import { EV } from './event-kinds';

/**
 * Puts a runnable ULT in its process's run queue (docs/reference/language.md §5.3). `external`: no running
 * thread caused it (a creation at `at`, the end of a sleep). While the arrivals of an instant are
 * gathered it only queues (`settle` places them together); later in the instant a parked LWP is
 * unparked for it, and when none was parked or the unparked LWP's KLT got no CPU at once, the
 * library preempts a lower ULT for it.
 */
export function enqueueUlt(w: World, th: ThreadRt, where: 'tail' | 'head', external: boolean): void {
  const proc = th.proc;
  th.lwp = null;
  th.rqKey = where === 'head' ? -++w.rqCounter : ++w.rqCounter;
  proc.runq.push(th);
  touchThread(w, th);
  if (where === 'head') return;
  w.dependent();
  const cause = external ? -1 : w.causeCpu;
  if (w.arriving) {
    th.readyCause = cause;
    w.uArrivals.push(th);
    return;
  }
  const parked = proc.parked.pop();
  if (parked !== undefined) {
    unpark(w, parked);
    makeReady(w, parked);
    if (parked.state === 'cpu') return;
  }
  maybePreemptFor(w, th, cause);
}

/** Records a parked LWP's unparking (its KLT is made ready by the caller). */
export function unpark(w: World, l: LwpRt): void {
  w.rec?.event('unpark', null, { lwp: l, process: l.proc.spec.name });
}

/**
 * Preempts the lowest-priority ULT running on a pool LWP of the process when `th` outranks it:
 * at once when that LWP is on `cause` (the CPU of the thread that made `th` runnable), otherwise
 * by a signal arriving `cost ipi` later (`cause` -1: no running thread caused it, always a signal).
 */
export function maybePreemptFor(w: World, th: ThreadRt, cause: number): void {
  const proc = th.proc;
  // The lowest-priority ULT running on a pool LWP whose KLT is on a CPU.
  let victim: LwpRt | null = null;
  let vPrio = 0;
  let vCpu = 0;
  for (const l of proc.lwps) {
    if (l.bound || l.state !== 'cpu' || l.thread === null || l.ultIpiPending || l.cpu === null) continue;
    const p = l.thread.effPrio;
    if (victim === null || p < vPrio || (p === vPrio && l.cpu.id < vCpu)) {
      victim = l;
      vPrio = p;
      vCpu = l.cpu.id;
    }
  }
  if (victim === null || th.effPrio <= vPrio) return;
  w.dependent();
  const rec = w.rec;
  if (cause >= 0 && victim.cpu !== null && cause === victim.cpu.id) {
    rec?.expect(`lwp:${victim.gid}`, -1);
    deliverUltPreempt(w, victim);
    return;
  }
  w.count('ipis');
  if (rec !== null) {
    const e = rec.event('ipi', victim.thread, {
      lwp: victim,
      detail: `signal to preempt ${victim.thread?.name} for ${th.name}`,
    });
    rec.expect(`lwp:${victim.gid}`, e);
  }
  if (w.model.costs.ipi === 0) {
    deliverUltPreempt(w, victim);
    return;
  }
  victim.ultIpiPending = true;
  w.at(w.now + w.model.costs.ipi, 1, victim.ord, EV.libraryIpi, victim.gid, 0);
}

/** A library signal arrives at an LWP. */
export function libraryIpi(w: World, l: LwpRt): void {
  l.ultIpiPending = false;
  deliverUltPreempt(w, l);
}

export function deliverUltPreempt(w: World, l: LwpRt): void {
  const u = l.thread;
  if (l.state !== 'cpu' || u === null) return;
  const head = l.proc.runq.peek();
  if (head === undefined || head.effPrio <= u.effPrio) {
    w.rec?.expect(`lwp:${l.gid}`, -1);
    return;
  }
  if (l.phase === 'timed' || l.phase === 'spin') ultPreemptNow(w, l);
  else l.ultPreempt = true;
}

function ultPreemptNow(w: World, l: LwpRt): void {
  const u = must(l.thread, 'a preempted LWP runs a ULT');
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(w, l);
  l.ultPreempt = false;
  const rec = w.rec;
  if (rec !== null) rec.event('preempt', u, { lwp: l, detail: 'library preemption', cause: rec.take(`lwp:${l.gid}`) });
  l.thread = null;
  enqueueUlt(w, u, 'head', false);
  switchNext(w, l);
}

/** At a timed statement: applies a library preemption decided at this instant. */
export function libraryYieldPoint(w: World, l: LwpRt): boolean {
  l.ultPreempt = false;
  const u = l.thread;
  const head = l.proc.runq.peek();
  if (u === null || head === undefined || head.effPrio <= u.effPrio) {
    w.rec?.expect(`lwp:${l.gid}`, -1);
    return false;
  }
  ultPreemptNow(w, l);
  return true;
}

/** `yield` of an unbound ULT: the head of the run queue runs if it has the same or a higher priority. */
export function libraryYield(w: World, th: ThreadRt, l: LwpRt): boolean {
  w.dependent();
  const head = th.proc.runq.peek();
  if (head === undefined || head.effPrio < th.effPrio) return false;
  l.thread = null;
  th.rqKey = ++w.rqCounter;
  th.lwp = null;
  th.proc.runq.push(th);
  touchThread(w, th);
  switchNext(w, l);
  return true;
}

/** An LWP on a CPU whose ULT left: it takes the head of the run queue, or parks. */
export function switchNext(w: World, l: LwpRt): void {
  const u = pickUlt(w, l.proc);
  if (u === undefined) {
    park(w, l);
    return;
  }
  l.thread = u;
  u.lwp = l;
  // A switch from another ULT costs ult_switch; an LWP's first ULT, or the same one again, does not.
  const cost = l.lastUlt !== null && l.lastUlt !== u ? l.proc.spec.costs.ultSwitch : 0;
  l.lastUlt = u;
  w.rec?.event('run', u, { lwp: l, detail: 'library switch' });
  if (cost > 0 && l.cpu !== null) {
    if (l.phase === 'timed' || l.phase === 'spin') stopSlice(w, l);
    l.phase = 'switch';
    l.gen++;
    touchThread(w, u);
    touchLwp(w, l);
    touchCpu(w, l.cpu);
    w.at(w.now + cost, 0, l.ord, EV.switchEnd, l.gid, l.gen);
    return;
  }
  beginRun(w, l);
}

/** The head of the run queue, or (with a choice hook) any ULT of the head's priority (a tie, docs/reference/language.md §7). */
function pickUlt(w: World, proc: ProcRt): ThreadRt | undefined {
  const head = proc.runq.peek();
  if (head === undefined || w.choose === null) return proc.runq.pop();
  const all = proc.runq.items
    .filter((t) => t.effPrio === head.effPrio)
    .sort((a, b) => a.rqKey - b.rqKey || a.ord - b.ord);
  let u = head;
  if (all.length > 1) {
    const pick = w.choose({
      t: w.now,
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
export function lwpBegins(w: World, l: LwpRt): void {
  switchNext(w, l);
}

/** An unbound ULT blocks in the library: its LWP goes on with another ULT or parks. */
export function releaseLwp(w: World, th: ThreadRt): void {
  w.dependent();
  const l = th.lwp;
  th.lwp = null;
  touchThread(w, th);
  if (l === null) return;
  l.thread = null;
  if (l.state === 'cpu') {
    if (l.phase === 'timed' || l.phase === 'spin') stopSlice(w, l);
    switchNext(w, l);
  }
}

/** A pool LWP off its CPU with no ULT (back from io whose thread ended, or new): run or park. */
export function poolLwpFree(w: World, l: LwpRt): void {
  l.thread = null;
  if (w.arriving) {
    // It takes work or parks once every arrival of the instant is in (docs/reference/language.md §5.5).
    l.state = 'free';
    w.freedPool.push(l);
    touchLwp(w, l);
  } else if (l.proc.runq.size > 0) makeReady(w, l);
  else park(w, l);
}

/** A pool LWP with nothing to run parks (off CPU, idle); its CPU takes the next KLT. */
export function park(w: World, l: LwpRt): void {
  const cpu = l.cpu;
  if (cpu !== null) takeOffCpu(w, l);
  if (w.kq.has(l)) w.kq.remove(l);
  l.state = 'parked';
  l.thread = null;
  l.parkedSince = w.now;
  l.proc.parked.push(l);
  w.rec?.event('park', null, { lwp: l, process: l.proc.spec.name, cpu: cpu?.id ?? null });
  touchLwp(w, l);
  scheduleAging(w, l);
  if (cpu !== null) dispatch(w, cpu);
}

/** LWP aging is housekeeping: it neither extends a run nor counts as progress. */
export function scheduleAging(w: World, l: LwpRt): void {
  if (l.proc.spec.model !== 'many_to_many') return;
  w.at(w.now + l.proc.spec.lwpIdleTimeout, 3, l.ord, EV.age, l.gid, l.parkedSince, false);
}

/** The priority of an unbound ULT changed: reorder the run queue; a raised ULT may preempt. */
export function libraryPriorityChanged(w: World, th: ThreadRt): void {
  if (th.proc.runq.has(th)) {
    th.proc.runq.update(th);
    maybePreemptFor(w, th, w.causeCpu);
  } else if (th.lwp !== null && th.lwp.state === 'cpu') {
    deliverUltPreempt(w, th.lwp);
  }
}
