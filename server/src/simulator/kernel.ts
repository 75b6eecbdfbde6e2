/**
 * The kernel scheduler (docs/reference/language.md §5.5): the ready queue of KLTs, dispatch onto CPUs with
 * switch costs, preemption (at once, or by an inter-processor interrupt `cost ipi` later),
 * quanta, pinning and affinity.
 */
import { clampPick, type World } from './world';
import type { Policy } from '../language/model';
import { eligible, must, type CpuRt, type LwpRt } from './entities';
import { EV } from './event-kinds';
import { touchCpu, touchLwp, touchThread } from './accounting';
import { remainingCompute } from './program';

/** The kernel priority of an LWP's KLT: its thread's effective priority when bound, else the process's. */
export function kprio(l: LwpRt): number {
  return l.kp;
}

/** The CPU of an LWP that is running (state `cpu`). */
function onCpuOf(l: LwpRt): CpuRt {
  return must(l.cpu, 'a running LWP is on a CPU');
}

/** The best ready KLT this CPU may run, left in the queue. */
export function bestFor(w: World, cpu: CpuRt): LwpRt | undefined {
  const head = w.kq.peek();
  if (head === undefined || eligible(head, cpu)) return head;
  let best: LwpRt | undefined;
  for (const l of w.kq.items) {
    if (eligible(l, cpu) && (best === undefined || w.kqLess(l, best))) best = l;
  }
  return best;
}

/** Kernel ready-queue order (docs/reference/language.md §5.5): true when `a` goes before `b`. */
export function kernelOrder(policy: Policy): (a: LwpRt, b: LwpRt) => boolean {
  return (a, b) => {
    if (policy === 'priority') {
      if (a.kp !== b.kp) return a.kp > b.kp;
    } else if (policy === 'sjf' && a.sjfKey !== b.sjfKey) {
      return a.sjfKey < b.sjfKey;
    }
    if (a.k1 !== b.k1) return a.k1 < b.k1;
    if (a.ord !== b.ord) return a.ord < b.ord;
    return a.gid < b.gid;
  };
}

/**
 * Puts a KLT in the ready queue: at the tail (ready order), at the head of its priority level
 * (preempted), or `late`: behind everything that became ready at this instant (a quantum's end).
 */
export function enqueueKlt(w: World, l: LwpRt, where: 'tail' | 'head' | 'late'): void {
  l.state = 'ready';
  l.phase = 'none';
  l.k1 = where === 'head' ? -++w.headCounter : w.now * 2 + (where === 'late' ? 1 : 0);
  if (w.model.policy === 'sjf') {
    // A pool LWP without a ULT is keyed by its run queue's head, which it will take (§5.5).
    const th = l.thread ?? (l.bound === null ? (l.proc.runq.peek() ?? null) : null);
    l.sjfKey = th ? remainingCompute(th) + (th.cur && th.cur.op === 'compute' ? th.rem : 0) : 0;
  }
  w.kq.push(l);
  touchLwp(w, l);
  if (l.thread) touchThread(w, l.thread);
}

/**
 * A KLT becomes ready (creation, wake-up, I/O completion). While the arrivals of an instant are
 * gathered it only enters the queue (docs/reference/language.md §5.5, "Simultaneous arrivals": `settle` places
 * them together); later in the instant it is placed at once: an idle CPU, or a preemption.
 */
export function makeReady(w: World, l: LwpRt): void {
  w.dependent();
  enqueueKlt(w, l, 'tail');
  if (w.arriving) {
    l.readyCause = w.causeCpu;
    w.kArrivals.push(l);
    return;
  }
  placeReady(w, l);
}

/** Gives a ready KLT an idle CPU (its last CPU first, else the lowest index) or preempts for it. */
export function placeReady(w: World, l: LwpRt): void {
  const cpu = idleCpuFor(w, l);
  if (cpu !== null) dispatch(w, cpu);
  else preemptFor(w, l);
}

/** The idle CPU a ready KLT takes: its last CPU first, else the lowest index it may use. */
export function idleCpuFor(w: World, l: LwpRt): CpuRt | null {
  if (w.idleCpus === 0) return null;
  const last = l.lastCpu >= 0 ? w.cpus[l.lastCpu] : undefined;
  if (last && last.lwp === null && eligible(l, last)) return last;
  for (const cpu of w.cpus) if (cpu.lwp === null && eligible(l, cpu)) return cpu;
  return null;
}

/**
 * The kernel's preemption rule for a ready KLT (policy `priority`): it preempts the
 * lowest-priority running KLT it may use when it outranks it (lowest CPU index on ties). A CPU
 * whose preemption is decided but not yet delivered is not a candidate: it is taken already.
 */
export function preemptFor(w: World, l: LwpRt): void {
  // With one priority everywhere nothing can outrank a running KLT: skip the scan.
  if (w.model.policy !== 'priority' || !w.prioritiesVary) return;
  const p = kprio(l);
  let victim: CpuRt | null = null;
  let vp = Infinity;
  for (const cpu of w.cpus) {
    const r = cpu.lwp;
    if (r === null || cpu.ipiPending || r.preempt || !eligible(l, cpu)) continue;
    const rp = kprio(r);
    if (rp < vp) {
      vp = rp;
      victim = cpu;
    }
  }
  if (victim !== null && p > vp) requestPreempt(w, victim);
}

/** A preemption of the KLT on `cpu`: at once, or by an interrupt when another CPU caused it. */
export function requestPreempt(w: World, cpu: CpuRt): void {
  w.dependent();
  if (w.causeCpu >= 0 && w.causeCpu !== cpu.id) {
    w.count('ipis');
    const rec = w.rec;
    if (rec !== null) {
      const e = rec.event('ipi', cpu.lwp?.thread ?? null, {
        cpu: cpu.id,
        lwp: cpu.lwp,
        detail: `interrupt to CPU ${cpu.id}`,
      });
      rec.expect(`cpu:${cpu.id}`, e);
    }
    if (w.model.costs.ipi === 0) {
      deliverPreempt(w, cpu);
      return;
    }
    cpu.ipiPending = true;
    w.at(w.now + w.model.costs.ipi, 1, cpu.id, EV.kernelIpi, cpu.id, 0);
    return;
  }
  w.rec?.expect(`cpu:${cpu.id}`, -1);
  deliverPreempt(w, cpu);
}

/** Re-evaluates at delivery: preempts the KLT on `cpu` if a ready one still outranks it. */
export function deliverPreempt(w: World, cpu: CpuRt): void {
  cpu.ipiPending = false;
  const l = cpu.lwp;
  if (l === null) {
    dispatch(w, cpu);
    return;
  }
  const best = bestFor(w, cpu);
  if (best === undefined || kprio(best) <= kprio(l)) {
    w.rec?.expect(`cpu:${cpu.id}`, -1);
    return;
  }
  if (l.phase === 'timed' || l.phase === 'spin') preemptNow(w, l);
  else l.preempt = true;
}

/** Closes the timed slice or spin of an LWP on a CPU, accounting its ticks. */
export function stopSlice(w: World, l: LwpRt): void {
  const th = l.thread;
  const elapsed = w.now - l.sliceStart;
  if (l.phase === 'timed' && th) th.rem -= elapsed;
  if ((l.phase === 'timed' || l.phase === 'spin') && w.quantum !== null) l.qLeft -= elapsed;
  l.gen++;
  l.phase = 'step';
}

/** The KLT on a CPU goes back to the head of its priority level (keeping its quantum). */
export function preemptNow(w: World, l: LwpRt): void {
  const cpu = onCpuOf(l);
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(w, l);
  l.preempt = false;
  const rec = w.rec;
  if (rec !== null) rec.event('preempt', l.thread, { cpu: cpu.id, lwp: l, cause: rec.take(`cpu:${cpu.id}`) });
  takeOffCpu(w, l);
  enqueueKlt(w, l, 'head');
  dispatch(w, cpu);
}

/** Removes an LWP from its CPU (without dispatching another). */
export function takeOffCpu(w: World, l: LwpRt): void {
  const cpu = l.cpu;
  if (cpu === null) return;
  w.dependent();
  if (l.phase === 'timed' || l.phase === 'spin') stopSlice(w, l);
  l.gen++;
  cpu.lwp = null;
  l.cpu = null;
  l.phase = 'none';
  l.preempt = false;
  w.idleCpus++;
  touchCpu(w, cpu);
  if (l.thread) {
    touchThread(w, l.thread);
    w.hooks.ownerLeftCpu(w, l.thread);
  }
}

/**
 * A choice point (docs/reference/language.md §7): the ready KLTs this CPU may run that tie with the head
 * (same priority under `priority`, same key under `sjf`, same instant of readiness otherwise),
 * in queue order; the host's hook picks one (default: the head).
 */
function chooseTie(w: World, cpu: CpuRt, head: LwpRt): LwpRt {
  return chooseTieAmong(w, head, (l) => eligible(l, cpu));
}

/**
 * The tie choice among the ready KLTs that tie with `head` and pass `usable` (default: `head`).
 * With `slots` idle CPUs for them, a tie that they all fit in is no choice: each gets a CPU.
 */
export function chooseTieAmong(w: World, head: LwpRt, usable: (l: LwpRt) => boolean, slots = 1): LwpRt {
  const choose = w.choose;
  if (choose === null) return head;
  const key = tieKey(w, head);
  const tied = w.kq.items.filter((l) => l !== head && tieKey(w, l) === key && usable(l));
  if (tied.length === 0) return head;
  if (tied.length + 1 <= slots && head.pin < 0 && tied.every((l) => l.pin < 0)) return head;
  tied.sort((a, b) => (w.kqLess(a, b) ? -1 : 1));
  const all = [head, ...tied];
  const pick = choose({
    t: w.now,
    kind: 'tie',
    count: all.length,
    defaultPick: 0,
    labels: all.map((l) => l.thread?.name ?? `LWP ${l.id}`),
  });
  return all[clampPick(pick, all.length)];
}

function tieKey(w: World, l: LwpRt): number {
  if (w.model.policy === 'priority') return kprio(l);
  if (w.model.policy === 'sjf') return l.sjfKey;
  return l.k1 < 0 ? l.k1 : Math.floor(l.k1 / 2);
}

/**
 * A free CPU takes the head of the ready queue (switch costs, docs/reference/language.md §5.5). While the
 * arrivals of an instant are being placed (`holdCpus`), a CPU that frees stays idle: the
 * ready KLTs take the idle CPUs together, in queue order.
 */
export function dispatch(w: World, cpu: CpuRt): void {
  if (cpu.lwp !== null) return;
  const best = w.holdCpus ? undefined : bestFor(w, cpu);
  const l = best === undefined ? undefined : chooseTie(w, cpu, best);
  if (l === undefined) {
    touchCpu(w, cpu);
    return;
  }
  dispatchTo(w, cpu, l);
}

/** Puts the ready KLT `l` on the idle CPU `cpu`, paying the switch cost. */
export function dispatchTo(w: World, cpu: CpuRt, l: LwpRt): void {
  w.kq.remove(l);
  let cost = 0;
  if (cpu.everRan) {
    w.count('switches');
    if (cpu.lastProc !== l.proc) {
      w.count('processSwitches');
      cost = w.model.costs.switchProcess;
    } else {
      cost = w.model.costs.switch;
    }
  }
  cpu.everRan = true;
  cpu.lastProc = l.proc;
  cpu.lwp = l;
  w.idleCpus--;
  l.cpu = cpu;
  l.lastCpu = cpu.id;
  l.state = 'cpu';
  l.gen++;
  if (w.quantum !== null && l.qLeft <= 0) {
    l.qLeft = w.quantum;
    l.qExpired = false;
  }
  w.rec?.event(cost > 0 ? 'switch' : 'run', l.thread, {
    cpu: cpu.id,
    lwp: l,
    detail: cost > 0 ? `switch ${cost} ticks` : undefined,
  });
  if (cost > 0) {
    l.phase = 'switch';
    touchLwp(w, l);
    touchCpu(w, cpu);
    if (l.thread) touchThread(w, l.thread);
    w.at(w.now + cost, 0, l.ord, EV.switchEnd, l.gid, l.gen);
    return;
  }
  beginRun(w, l);
}

/** The LWP starts running on its CPU (after the switch): its thread may take steps. */
export function beginRun(w: World, l: LwpRt): void {
  l.phase = 'step';
  touchLwp(w, l);
  if (l.cpu) touchCpu(w, l.cpu);
  if (l.thread === null) {
    // An unparked LWP on its CPU takes the head of its run queue; while the arrivals of an
    // instant are gathered, it waits until they have all entered the run queue.
    if (w.arriving) w.idleBegins.push(l);
    else w.hooks.poolLwpBegins(w, l);
    return;
  }
  touchThread(w, l.thread);
  w.pushStep(l.thread);
}

/** Starts a timed slice (compute, creation cost) for the thread on this LWP. */
export function startSlice(w: World, l: LwpRt): void {
  const th = l.thread;
  if (!th) return;
  l.phase = 'timed';
  l.sliceStart = w.now;
  let d = th.rem;
  if (w.quantum !== null && l.qLeft < d) d = l.qLeft;
  touchThread(w, th);
  touchCpu(w, onCpuOf(l));
  w.at(w.now + d, 0, th.ord, EV.slice, l.gid, l.gen);
}

/**
 * At a statement that takes time: applies a preemption decided earlier at this instant, or the
 * end of the quantum. Returns true when the thread lost its CPU.
 */
export function yieldPoint(w: World, l: LwpRt): boolean {
  if (l.preempt) {
    l.preempt = false;
    const cpu = onCpuOf(l);
    const best = bestFor(w, cpu);
    if (best !== undefined && w.model.policy === 'priority' && kprio(best) > kprio(l)) {
      preemptNow(w, l);
      return true;
    }
    w.rec?.expect(`cpu:${cpu.id}`, -1);
  }
  if (l.qExpired) {
    l.qExpired = false;
    l.qLeft = w.quantum ?? 0;
    const cpu = onCpuOf(l);
    const best = bestFor(w, cpu);
    if (best !== undefined && (w.model.policy !== 'priority' || kprio(best) >= kprio(l))) {
      w.rec?.event('preempt', l.thread, { cpu: cpu.id, lwp: l, detail: 'quantum expired' });
      takeOffCpu(w, l);
      enqueueKlt(w, l, 'late');
      dispatch(w, cpu);
      return true;
    }
  }
  return false;
}

/** A KLT gives up its CPU voluntarily (`yield` of a bound thread); true when another took it. */
export function kernelYield(w: World, l: LwpRt): boolean {
  w.dependent();
  const cpu = onCpuOf(l);
  const best = bestFor(w, cpu);
  if (best === undefined) return false;
  if (w.model.policy === 'priority' && kprio(best) < kprio(l)) return false;
  takeOffCpu(w, l);
  enqueueKlt(w, l, 'late');
  dispatch(w, cpu);
  return true;
}

/** The KLT blocks in the kernel (I/O, or a bound thread's wait): it leaves its CPU. */
export function blockKlt(w: World, l: LwpRt): void {
  const cpu = l.cpu;
  if (w.kq.has(l)) w.kq.remove(l);
  if (cpu) takeOffCpu(w, l);
  l.state = 'blocked';
  l.phase = 'none';
  l.qExpired = false;
  if (w.quantum !== null) l.qLeft = w.quantum;
  touchLwp(w, l);
  if (l.thread) touchThread(w, l.thread);
  if (cpu) dispatch(w, cpu);
}

/** The kernel priority of a KLT changed (inheritance, ceiling): reorder, and preempt if needed. */
export function kernelPriorityChanged(w: World, l: LwpRt): void {
  if (w.model.policy !== 'priority') return;
  if (w.kq.has(l)) {
    w.kq.update(l);
    placeReady(w, l);
  } else if (l.cpu !== null) {
    const best = bestFor(w, l.cpu);
    if (best !== undefined && kprio(best) > kprio(l)) requestPreempt(w, l.cpu);
  }
}
