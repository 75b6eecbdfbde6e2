/**
 * The kernel scheduler (LANGUAGE.md §5.5): the ready queue of KLTs, dispatch onto CPUs with
 * switch costs, preemption (at once, or by an inter-processor interrupt `cost ipi` later),
 * quanta, pinning and affinity.
 */
import type { Engine } from './engine';
import type { CpuRt, LwpRt } from './entities';
import { EV } from './events';
import { touchCpu, touchLwp, touchThread } from './accounting';
import { remainingCompute } from './program';
import { adaptiveOwnerLeft } from './sync';
import { lwpBegins } from './library';

/** The kernel priority of an LWP's KLT: its thread's effective priority when bound, else the process's. */
export function kprio(l: LwpRt): number {
  return l.kp;
}

/** True when the KLT may run on this CPU (pinning). */
export function eligible(l: LwpRt, cpu: CpuRt): boolean {
  return l.pin < 0 || l.pin === cpu.id;
}

/** The best ready KLT this CPU may run, left in the queue. */
export function bestFor(e: Engine, cpu: CpuRt): LwpRt | undefined {
  const head = e.kq.peek();
  if (head === undefined || eligible(head, cpu)) return head;
  let best: LwpRt | undefined;
  for (const l of e.kq.items) {
    if (eligible(l, cpu) && (best === undefined || kqLess(e, l, best))) best = l;
  }
  return best;
}

function kqLess(e: Engine, a: LwpRt, b: LwpRt): boolean {
  if (e.model.policy === 'priority' && kprio(a) !== kprio(b)) return kprio(a) > kprio(b);
  if (e.model.policy === 'sjf' && a.sjfKey !== b.sjfKey) return a.sjfKey < b.sjfKey;
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  return a.ord !== b.ord ? a.ord < b.ord : a.gid < b.gid;
}

/**
 * Puts a KLT in the ready queue: at the tail (ready order), at the head of its priority level
 * (preempted), or `late`: behind everything that became ready at this instant (a quantum's end).
 */
export function enqueueKlt(e: Engine, l: LwpRt, where: 'tail' | 'head' | 'late'): void {
  l.state = 'ready';
  l.phase = 'none';
  l.k1 = where === 'head' ? -++e.headCounter : e.now * 2 + (where === 'late' ? 1 : 0);
  if (e.model.policy === 'sjf') {
    const th = l.thread;
    l.sjfKey = th ? remainingCompute(th) + (th.cur && th.cur.op === 'compute' ? th.rem : 0) : 0;
  }
  e.kq.push(l);
  touchLwp(e, l);
  if (l.thread) touchThread(e, l.thread);
}

/** A KLT becomes ready (creation, wake-up, I/O completion): it takes an idle CPU or may preempt. */
export function makeReady(e: Engine, l: LwpRt): void {
  enqueueKlt(e, l, 'tail');
  placeReady(e, l);
}

/** Gives a ready KLT an idle CPU (its last CPU first, else the lowest index) or preempts for it. */
export function placeReady(e: Engine, l: LwpRt): void {
  if (e.idleCpus > 0) {
    const last = l.lastCpu >= 0 ? e.cpus[l.lastCpu] : undefined;
    if (last && last.lwp === null && eligible(l, last)) {
      dispatch(e, last);
      return;
    }
    for (const cpu of e.cpus) {
      if (cpu.lwp === null && eligible(l, cpu)) {
        dispatch(e, cpu);
        return;
      }
    }
  }
  // With one priority everywhere nothing can outrank a running KLT: skip the scan.
  if (e.model.policy !== 'priority' || !e.prioritiesVary) return;
  const p = kprio(l);
  let victim: CpuRt | null = null;
  let vp = Infinity;
  for (const cpu of e.cpus) {
    const r = cpu.lwp;
    if (r === null || cpu.ipiPending || !eligible(l, cpu)) continue;
    const rp = kprio(r);
    if (rp < vp) {
      vp = rp;
      victim = cpu;
    }
  }
  if (victim !== null && p > vp) requestPreempt(e, victim);
}

/** A preemption of the KLT on `cpu`: at once, or by an interrupt when another CPU caused it. */
export function requestPreempt(e: Engine, cpu: CpuRt): void {
  if (e.causeCpu >= 0 && e.causeCpu !== cpu.id) {
    e.counters.ipis++;
    e.rec?.event('ipi', cpu.lwp?.thread ?? null, { cpu: cpu.id, lwp: cpu.lwp, detail: `interrupt to CPU ${cpu.id}` });
    if (e.model.costs.ipi === 0) {
      deliverPreempt(e, cpu);
      return;
    }
    cpu.ipiPending = true;
    e.at(e.now + e.model.costs.ipi, 1, cpu.id, EV.kernelIpi, cpu.id, 0);
    return;
  }
  deliverPreempt(e, cpu);
}

/** Re-evaluates at delivery: preempts the KLT on `cpu` if a ready one still outranks it. */
export function deliverPreempt(e: Engine, cpu: CpuRt): void {
  cpu.ipiPending = false;
  const l = cpu.lwp;
  if (l === null) {
    dispatch(e, cpu);
    return;
  }
  const best = bestFor(e, cpu);
  if (best === undefined || kprio(best) <= kprio(l)) return;
  if (l.phase === 'timed' || l.phase === 'spin') preemptNow(e, l);
  else l.preempt = true;
}

/** Closes the timed slice or spin of an LWP on a CPU, accounting its ticks. */
export function stopSlice(e: Engine, l: LwpRt): void {
  const th = l.thread;
  const elapsed = e.now - l.sliceStart;
  if (l.phase === 'timed' && th) th.rem -= elapsed;
  if ((l.phase === 'timed' || l.phase === 'spin') && e.quantum !== null) l.qLeft -= elapsed;
  l.gen++;
  l.phase = 'step';
}

/** The KLT on a CPU goes back to the head of its priority level (keeping its quantum). */
export function preemptNow(e: Engine, l: LwpRt): void {
  const cpu = l.cpu as CpuRt;
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(e, l);
  l.preempt = false;
  e.rec?.event('preempt', l.thread, { cpu: cpu.id, lwp: l });
  takeOffCpu(e, l);
  enqueueKlt(e, l, 'head');
  dispatch(e, cpu);
}

/** Removes an LWP from its CPU (without dispatching another). */
export function takeOffCpu(e: Engine, l: LwpRt): void {
  const cpu = l.cpu;
  if (cpu === null) return;
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(e, l);
  l.gen++;
  cpu.lwp = null;
  l.cpu = null;
  l.phase = 'none';
  l.preempt = false;
  e.idleCpus++;
  touchCpu(e, cpu);
  if (l.thread) {
    touchThread(e, l.thread);
    adaptiveOwnerLeft(e, l.thread);
  }
}

/**
 * A choice point (LANGUAGE.md §7): the ready KLTs this CPU may run that tie with the head
 * (same priority under `priority`, same key under `sjf`, same instant of readiness otherwise),
 * in queue order; the host's hook picks one (default: the head).
 */
function chooseTie(e: Engine, cpu: CpuRt, head: LwpRt): LwpRt {
  const choose = e.choose;
  if (choose === null) return head;
  const key = tieKey(e, head);
  const tied = e.kq.items.filter((l) => l !== head && eligible(l, cpu) && tieKey(e, l) === key);
  if (tied.length === 0) return head;
  tied.sort((a, b) => (kqLess(e, a, b) ? -1 : 1));
  const all = [head, ...tied];
  const pick = choose({
    t: e.now,
    kind: 'tie',
    count: all.length,
    defaultPick: 0,
    labels: all.map((l) => l.thread?.name ?? `LWP ${l.id}`),
  });
  return all[Number.isInteger(pick) && pick >= 0 && pick < all.length ? pick : 0];
}

function tieKey(e: Engine, l: LwpRt): number {
  if (e.model.policy === 'priority') return kprio(l);
  if (e.model.policy === 'sjf') return l.sjfKey;
  return l.k1 < 0 ? l.k1 : Math.floor(l.k1 / 2);
}

/** A free CPU takes the head of the ready queue (switch costs, LANGUAGE.md §5.5). */
export function dispatch(e: Engine, cpu: CpuRt): void {
  if (cpu.lwp !== null) return;
  const best = bestFor(e, cpu);
  const l = best === undefined ? undefined : chooseTie(e, cpu, best);
  if (l === undefined) {
    touchCpu(e, cpu);
    return;
  }
  e.kq.remove(l);
  let cost = 0;
  if (cpu.everRan) {
    e.counters.switches++;
    if (cpu.lastProc !== l.proc) {
      e.counters.processSwitches++;
      cost = e.model.costs.switchProcess;
    } else {
      cost = e.model.costs.switch;
    }
  }
  cpu.everRan = true;
  cpu.lastProc = l.proc;
  cpu.lwp = l;
  e.idleCpus--;
  l.cpu = cpu;
  l.lastCpu = cpu.id;
  l.state = 'cpu';
  l.gen++;
  if (e.quantum !== null && l.qLeft <= 0) {
    l.qLeft = e.quantum;
    l.qExpired = false;
  }
  e.rec?.event(cost > 0 ? 'switch' : 'run', l.thread, {
    cpu: cpu.id,
    lwp: l,
    detail: cost > 0 ? `switch ${cost} ticks` : undefined,
  });
  if (cost > 0) {
    l.phase = 'switch';
    touchLwp(e, l);
    touchCpu(e, cpu);
    if (l.thread) touchThread(e, l.thread);
    e.at(e.now + cost, 0, l.ord, EV.switchEnd, l.gid, l.gen);
    return;
  }
  beginRun(e, l);
}

/** The LWP starts running on its CPU (after the switch): its thread may take steps. */
export function beginRun(e: Engine, l: LwpRt): void {
  l.phase = 'step';
  touchLwp(e, l);
  if (l.cpu) touchCpu(e, l.cpu);
  if (l.thread === null) {
    lwpBegins(e, l);
    return;
  }
  touchThread(e, l.thread);
  e.pushStep(l.thread);
}

/** Starts a timed slice (compute, creation cost) for the thread on this LWP. */
export function startSlice(e: Engine, l: LwpRt): void {
  const th = l.thread;
  if (!th) return;
  l.phase = 'timed';
  l.sliceStart = e.now;
  let d = th.rem;
  if (e.quantum !== null && l.qLeft < d) d = l.qLeft;
  touchThread(e, th);
  touchCpu(e, l.cpu as CpuRt);
  e.at(e.now + d, 0, th.ord, EV.slice, l.gid, l.gen);
}

/**
 * At a statement that takes time: applies a preemption decided earlier at this instant, or the
 * end of the quantum. Returns true when the thread lost its CPU.
 */
export function yieldPoint(e: Engine, l: LwpRt): boolean {
  if (l.preempt) {
    l.preempt = false;
    const cpu = l.cpu as CpuRt;
    const best = bestFor(e, cpu);
    if (best !== undefined && e.model.policy === 'priority' && kprio(best) > kprio(l)) {
      preemptNow(e, l);
      return true;
    }
  }
  if (l.qExpired) {
    l.qExpired = false;
    l.qLeft = e.quantum ?? 0;
    const cpu = l.cpu as CpuRt;
    const best = bestFor(e, cpu);
    if (best !== undefined && (e.model.policy !== 'priority' || kprio(best) >= kprio(l))) {
      e.rec?.event('preempt', l.thread, { cpu: cpu.id, lwp: l, detail: 'quantum expired' });
      takeOffCpu(e, l);
      enqueueKlt(e, l, 'late');
      dispatch(e, cpu);
      return true;
    }
  }
  return false;
}

/** A KLT gives up its CPU voluntarily (`yield` of a bound thread); true when another took it. */
export function kernelYield(e: Engine, l: LwpRt): boolean {
  const cpu = l.cpu as CpuRt;
  const best = bestFor(e, cpu);
  if (best === undefined) return false;
  if (e.model.policy === 'priority' && kprio(best) < kprio(l)) return false;
  takeOffCpu(e, l);
  enqueueKlt(e, l, 'late');
  dispatch(e, cpu);
  return true;
}

/** The KLT blocks in the kernel (I/O, or a bound thread's wait): it leaves its CPU. */
export function blockKlt(e: Engine, l: LwpRt): void {
  const cpu = l.cpu;
  if (e.kq.has(l)) e.kq.remove(l);
  if (cpu) takeOffCpu(e, l);
  l.state = 'blocked';
  l.phase = 'none';
  l.qExpired = false;
  if (e.quantum !== null) l.qLeft = e.quantum;
  touchLwp(e, l);
  if (l.thread) touchThread(e, l.thread);
  if (cpu) dispatch(e, cpu);
}

/** The kernel priority of a KLT changed (inheritance, ceiling): reorder, and preempt if needed. */
export function kernelPriorityChanged(e: Engine, l: LwpRt): void {
  if (e.model.policy !== 'priority') return;
  if (e.kq.has(l)) {
    e.kq.update(l);
    placeReady(e, l);
  } else if (l.cpu !== null) {
    const best = bestFor(e, l.cpu);
    if (best !== undefined && kprio(best) > kprio(l)) requestPreempt(e, l.cpu);
  }
}
