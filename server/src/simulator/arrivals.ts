/**
 * Simultaneous arrivals (docs/reference/language.md §5.5): everything that becomes ready at an instant before
 * its steps run (ends of io, sleep, switch overhead and spawn costs; arriving signals; threads
 * whose `at` is now; LWPs created now) has only entered its queue. Then, once: each process
 * unparks one parked LWP per runnable ULT it has no LWP for; the ready KLTs, in their queue's
 * order, take the idle CPUs they may use (a pool LWP takes the head of its run queue when it gets
 * one); then the arrived signals are decided again and the preemption rules apply to the
 * arrivals still waiting, highest first. So no dispatch, switch or signal is spent on a thread
 * that another arrival of the same instant outranks.
 */
import type { World } from './world';
import { must, type LwpRt, type ProcRt, type ThreadRt } from './entities';
import { bestFor, chooseTieAmong, deliverPreempt, dispatchTo, enqueueKlt, idleCpuFor, preemptFor } from './kernel';
import { deliverUltPreempt, maybePreemptFor, park, switchNext, unpark } from './library';

/** Places what arrived at this instant; called once its timed events are all handled. */
export function settle(w: World): void {
  w.arriving = false;
  if (
    w.kArrivals.length === 0 &&
    w.uArrivals.length === 0 &&
    w.kSignals.length === 0 &&
    w.uSignals.length === 0 &&
    w.idleBegins.length === 0 &&
    w.freedPool.length === 0
  ) {
    return;
  }
  w.holdCpus = true;
  for (const proc of processesOf(w))
    supplyLwps(
      w,
      proc,
      w.freedPool.filter((l) => l.proc === proc),
    );
  w.freedPool.length = 0;
  // Unparked LWPs whose switch just ended take the head of their run queue (or park, leaving
  // their CPU idle for the fill below).
  for (const l of w.idleBegins.splice(0)) if (l.state === 'cpu' && l.thread === null) switchNext(w, l);
  w.holdCpus = false;
  fillIdleCpus(w);
  for (const cpu of w.kSignals.splice(0)) deliverPreempt(w, cpu);
  for (const l of w.uSignals.splice(0)) {
    l.ultIpiPending = false;
    deliverUltPreempt(w, l);
  }
  const saved = w.causeCpu;
  for (const l of waitingKlts(w)) {
    w.causeCpu = l.readyCause;
    preemptFor(w, l);
  }
  w.causeCpu = saved;
  for (const th of waitingUlts(w)) maybePreemptFor(w, th, th.readyCause);
  w.kArrivals.length = 0;
  w.uArrivals.length = 0;
}

/** The processes touched by this instant's arrivals, in declaration order. */
function processesOf(w: World): ProcRt[] {
  const seen = new Set<ProcRt>();
  for (const th of w.uArrivals) seen.add(th.proc);
  for (const l of w.freedPool) seen.add(l.proc);
  for (const l of w.idleBegins) seen.add(l.proc);
  return [...seen].sort((a, b) => a.index - b.index);
}

/**
 * One LWP for each runnable ULT the process has none for: LWPs freed at this instant first,
 * then parked ones (the most recently parked first). A freed LWP with nothing to do parks.
 */
function supplyLwps(w: World, proc: ProcRt, freed: LwpRt[]): void {
  let demand = proc.runq.size;
  for (const l of proc.lwps) {
    if (l.bound === null && l.thread === null && (l.state === 'ready' || (l.state === 'cpu' && l.phase !== 'step'))) {
      demand--;
    }
  }
  demand -= w.idleBegins.filter((l) => l.proc === proc).length;
  for (const l of freed) {
    if (demand > 0) {
      demand--;
      enqueueKlt(w, l, 'tail');
      l.readyCause = -1;
      w.kArrivals.push(l);
    } else {
      park(w, l);
    }
  }
  for (; demand > 0 && proc.parked.length > 0; demand--) {
    const l = must(proc.parked.pop(), 'a parked LWP');
    unpark(w, l);
    enqueueKlt(w, l, 'tail');
    l.readyCause = -1;
    w.kArrivals.push(l);
  }
}

/**
 * The ready KLTs take the idle CPUs, in queue order (ties are choice points), each its last CPU
 * first, else the lowest index it may use.
 */
function fillIdleCpus(w: World): void {
  while (w.idleCpus > 0 && w.kq.size > 0) {
    const best = bestForIdle(w);
    if (best === undefined) return;
    const l = chooseTieAmong(w, best, (x) => idleCpuFor(w, x) !== null, w.idleCpus);
    dispatchTo(w, must(idleCpuFor(w, l), 'a KLT chosen for an idle CPU may use one'), l);
  }
}

/** The first KLT in queue order that may use some idle CPU. */
function bestForIdle(w: World): LwpRt | undefined {
  const head = w.kq.peek();
  if (head !== undefined && idleCpuFor(w, head) !== null) return head;
  let best: LwpRt | undefined;
  for (const cpu of w.cpus) {
    if (cpu.lwp !== null) continue;
    const b = bestFor(w, cpu);
    if (b !== undefined && (best === undefined || w.kqLess(b, best))) best = b;
  }
  return best;
}

/** This instant's KLT arrivals still waiting for a CPU, highest first. */
function waitingKlts(w: World): LwpRt[] {
  return w.kArrivals.filter((l) => l.state === 'ready' && w.kq.has(l)).sort((a, b) => (w.kqLess(a, b) ? -1 : 1));
}

/** This instant's ULT arrivals still in their run queue, highest first. */
function waitingUlts(w: World): ThreadRt[] {
  return w.uArrivals
    .filter((th) => th.end === null && th.proc.runq.has(th))
    .sort((a, b) => b.effPrio - a.effPrio || a.rqKey - b.rqKey || a.ord - b.ord);
}
