/**
 * Mutexes, condition variables, semaphores and joins (docs/reference/language.md §8): spinning and sleeping
 * waiters, hand-off to the highest-priority waiter, priority inheritance (transitive) and
 * ceilings, and the wait-for edges the deadlock detector follows.
 */
import { FP, type World } from './world';
import { must, type LwpRt, type MutexRt, type ThreadRt } from './entities';
import type { CondvarStmt, MutexStmt, SemaphoreStmt, ThreadRefStmt, WaitStmt } from '../language/model';
import { blockKlt, kernelPriorityChanged, makeReady, stopSlice, yieldPoint } from './kernel';
import { enqueueUlt, libraryPriorityChanged, releaseLwp } from './library';
import { touchLwp, touchMutex, touchThread, touchCpu } from './accounting';
import { findCycle, reportDeadlock } from './deadlock';
import { EV } from './event-kinds';
import { bestIndex, enqueueWaiter, removeWaiter, reprioritized, takeAll, takeAt, topPriority } from './wait-queue';

/** True when the thread's KLT is on a CPU (running or spinning): adaptive waiters spin on it. */
export function onCpu(t: ThreadRt): boolean {
  const l = t.lwp;
  return l !== null && l.thread === t && l.state === 'cpu';
}

/** A spinning waiter stops spinning (`m`: the mutex it spins on). */
function stopSpinning(th: ThreadRt, m: MutexRt | null): void {
  if (!th.spinning) return;
  th.spinning = false;
  if (m !== null) m.spinners--;
}

/** The thread blocks: a bound thread's KLT blocks in the kernel; an unbound one frees its LWP. */
export function blockOn(w: World, th: ThreadRt, kind: ThreadRt['block']): void {
  th.block = kind;
  stopSpinning(th, th.waitMutex);
  w.rec?.event('block', th, { mutex: th.waitMutex?.name ?? null, detail: kind ?? undefined });
  // The thread's own event comes first: what its LWP and CPU do next follows from it.
  touchThread(w, th);
  if (th.bound) blockKlt(w, must(th.lwp, 'a bound thread has its LWP'));
  else releaseLwp(w, th);
}

/** The thread becomes runnable again after a wait in the library or the kernel (`cause`: the waking event). */
export function wake(w: World, th: ThreadRt, cause = -1): void {
  th.block = null;
  stopSpinning(th, th.waitMutex);
  w.rec?.event('wake', th, { cause });
  if (th.bound) {
    const l = must(th.lwp, 'a bound thread has its LWP');
    touchThread(w, th);
    if (l.state === 'blocked') makeReady(w, l);
  } else {
    enqueueUlt(w, th, 'tail', false);
  }
}

/** Recomputes a thread's effective priority (inheritance, ceilings) and propagates it. */
export function recomputePrio(w: World, th: ThreadRt): void {
  let p = th.basePrio;
  for (const m of th.held) {
    if (m.spec.protocol === 'ceiling' && m.spec.ceiling !== null && m.spec.ceiling > p) p = m.spec.ceiling;
    else if (m.spec.protocol === 'inherit') p = Math.max(p, topPriority(m));
  }
  if (p === th.effPrio) return;
  if (th !== w.stepping) w.dependent();
  if (th.waitMutex !== null) reprioritized(th.waitMutex, th.effPrio, p);
  if (th.waitCond !== null) reprioritized(th.waitCond, th.effPrio, p);
  if (th.waitSem !== null) reprioritized(th.waitSem, th.effPrio, p);
  th.effPrio = p;
  if (p > th.peakPrio) th.peakPrio = p;
  if (th.end !== null) return;
  touchThread(w, th);
  if (th.bound) {
    if (th.lwp) {
      th.lwp.kp = p;
      touchLwp(w, th.lwp);
      kernelPriorityChanged(w, th.lwp);
    }
  } else {
    libraryPriorityChanged(w, th);
  }
  const m = th.waitMutex;
  if (m !== null && m.owner !== null && m.spec.protocol === 'inherit') recomputePrio(w, m.owner);
}

function acquire(w: World, th: ThreadRt, m: MutexRt): void {
  w.touched(FP.mutex(m.proc.index, m.spec.index));
  m.owner = th;
  th.held.push(m);
  w.rec?.event('lock', th, { mutex: m.name });
  touchMutex(w, m);
  if (m.spec.protocol !== 'none') recomputePrio(w, th);
}

/** Queues a thread for a held mutex (a wait-for edge). */
function enterWait(w: World, th: ThreadRt, m: MutexRt, range: ThreadRt['waitRange']): void {
  w.touched(FP.mutex(m.proc.index, m.spec.index));
  th.waitMutex = m;
  enqueueWaiter(m, th);
  th.waitSince = w.now;
  th.waitRange = range;
  if (!m.contended) {
    m.contended = true;
    w.contended.push(m);
  }
  touchMutex(w, m);
  if (m.spec.protocol === 'inherit' && m.owner !== null) recomputePrio(w, m.owner);
}

/** `lock M` (true when the thread stopped: spinning, blocked or deadlocked). */
export function lock(w: World, th: ThreadRt, l: LwpRt, s: MutexStmt): boolean {
  const m = th.proc.mutexes[s.mutex];
  w.touched(FP.mutex(th.proc.index, s.mutex));
  if (m.owner === null) {
    acquire(w, th, m);
    return false;
  }
  th.cur = s;
  enterWait(w, th, m, s.range);
  if (checkDeadlock(w, th)) return true;
  return contend(w, th, l, m);
}

/** Spins or sleeps for a held mutex according to its kind. */
function contend(w: World, th: ThreadRt, l: LwpRt, m: MutexRt): boolean {
  const spin = m.spec.kind === 'spin' || (m.spec.kind === 'adaptive' && m.owner !== null && onCpu(m.owner));
  if (!spin) {
    blockOn(w, th, 'mutex');
    return true;
  }
  th.spinning = true;
  m.spinners++;
  if (yieldPoint(w, l)) return true;
  l.phase = 'spin';
  l.sliceStart = w.now;
  if (w.quantum !== null) w.at(w.now + Math.max(1, l.qLeft), 0, th.ord, EV.spinQuantum, l.gid, l.gen, false);
  w.rec?.event('spin', th, { mutex: m.name });
  touchThread(w, th);
  touchLwp(w, l);
  if (l.cpu) touchCpu(w, l.cpu);
  return true;
}

/** A spinning waiter back on a CPU tries again. */
export function retryLock(w: World, th: ThreadRt, l: LwpRt): boolean {
  const m = must(th.waitMutex, 'a spinning waiter waits for a mutex');
  w.touched(FP.mutex(m.proc.index, m.spec.index));
  if (th.deadlocked) {
    blockOn(w, th, 'mutex');
    return true;
  }
  return contend(w, th, l, m);
}

/**
 * Hands a mutex to a waiter: it owns it now and continues (on its CPU at once, or when it
 * runs). `cause`: the unlock's event.
 */
function give(w: World, m: MutexRt, wt: ThreadRt, cause: number): void {
  w.dependent();
  const wasSpinning = wt.spinning;
  stopSpinning(wt, m);
  m.owner = wt;
  wt.held.push(m);
  wt.waitMutex = null;
  wt.cur = null;
  w.rec?.event('lock', wt, { mutex: m.name, detail: 'handed off', cause });
  touchMutex(w, m);
  if (m.spec.protocol !== 'none') recomputePrio(w, wt);
  if (wasSpinning) {
    const l = wt.lwp;
    if (l !== null && l.thread === wt && l.state === 'cpu' && l.phase === 'spin') {
      stopSlice(w, l);
      touchThread(w, wt);
      w.pushStep(wt);
    } else {
      touchThread(w, wt);
    }
  } else if (wt.block !== null) {
    wake(w, wt, cause);
  }
  if (m.spec.kind === 'adaptive' && !onCpu(wt)) sleepSpinners(w, m);
}

/** Adaptive waiters stop spinning when the owner is off its CPU. */
function sleepSpinners(w: World, m: MutexRt): void {
  if (m.spinners === 0) return;
  for (const wt of [...m.waiters]) {
    if (wt.spinning && wt.waitMutex === m) blockOn(w, wt, 'mutex');
  }
}

/** The owner's KLT left its CPU: adaptive waiters of what it holds go to sleep (docs/reference/language.md §8). */
export function adaptiveOwnerLeft(w: World, owner: ThreadRt): void {
  for (const m of owner.held) if (m.spec.kind === 'adaptive' && m.waiters.length > 0) sleepSpinners(w, m);
}

/** Removes a[i], keeping the order (no array allocated, unlike `splice`: this runs on every unlock). */
function removeAt<T>(a: T[], i: number): void {
  for (let k = i + 1; k < a.length; k++) a[k - 1] = a[k];
  a.pop();
}

/** Releases a held mutex, handing it to the best waiter. */
function release(w: World, th: ThreadRt, m: MutexRt): void {
  const i = th.held.indexOf(m);
  if (i >= 0) removeAt(th.held, i);
  const u = w.rec?.event('unlock', th, { mutex: m.name }) ?? -1;
  if (m.waiters.length > 0) {
    const wt = takeAt(m, bestIndex(m));
    give(w, m, wt, u);
  } else {
    m.owner = null;
    touchMutex(w, m);
  }
  if (m.spec.protocol !== 'none') recomputePrio(w, th);
}

/** `unlock M`; unlocking a mutex the thread does not hold does nothing (static analysis reports it). */
export function unlock(w: World, th: ThreadRt, s: MutexStmt): void {
  const m = th.proc.mutexes[s.mutex];
  w.touched(FP.mutex(th.proc.index, s.mutex));
  if (m.owner === th) release(w, th, m);
}

/** `wait C M`: releases M and sleeps on C. */
export function wait(w: World, th: ThreadRt, s: WaitStmt): boolean {
  const c = th.proc.conds[s.condvar];
  const m = th.proc.mutexes[s.mutex];
  w.touched(FP.condvar(th.proc.index, s.condvar));
  w.touched(FP.mutex(th.proc.index, s.mutex));
  th.cur = s;
  if (m.owner === th) release(w, th, m);
  th.waitCond = c;
  enqueueWaiter(c, th);
  th.waitSince = w.now;
  th.waitRange = s.range;
  blockOn(w, th, 'condvar');
  return true;
}

/** A woken condvar waiter queues for its mutex (or takes it when free); `cause`: the signal's event. */
function reacquire(w: World, wt: ThreadRt, cause: number): void {
  wt.waitCond = null;
  const s = wt.cur;
  if (s === null || s.op !== 'wait') throw new Error('simulator invariant broken: a condvar waiter is at its wait');
  const m = wt.proc.mutexes[s.mutex];
  if (m.owner === null) {
    acquire(w, wt, m);
    wt.cur = null;
    wake(w, wt, cause);
    return;
  }
  wt.block = 'mutex';
  enterWait(w, wt, m, s.range);
  touchThread(w, wt);
  checkDeadlock(w, wt);
}

/** `signal C`: wakes the highest-priority waiter, if any. */
export function signal(w: World, th: ThreadRt, s: CondvarStmt): void {
  const c = th.proc.conds[s.condvar];
  w.touched(FP.condvar(th.proc.index, s.condvar));
  const e = w.rec?.event('signal', th, { detail: `signal ${c.spec.name}` }) ?? -1;
  if (c.waiters.length === 0) return;
  const wt = takeAt(c, bestIndex(c));
  reacquire(w, wt, e);
}

/** `broadcast C`: wakes every waiter, in priority order. */
export function broadcast(w: World, th: ThreadRt, s: CondvarStmt): void {
  const c = th.proc.conds[s.condvar];
  w.touched(FP.condvar(th.proc.index, s.condvar));
  const e = w.rec?.event('signal', th, { detail: `broadcast ${c.spec.name}` }) ?? -1;
  // In priority order, FIFO among equals (a stable sort once: a storm of waiters costs n log n).
  const all = takeAll(c).sort((a, b) => b.effPrio - a.effPrio);
  // Off the queue, none is its waiter any more (a priority change while the others reacquire).
  for (const x of all) x.waitCond = null;
  for (const x of all) reacquire(w, x, e);
}

/** `sem_wait S` (P). */
export function semWait(w: World, th: ThreadRt, s: SemaphoreStmt): boolean {
  const sem = th.proc.sems[s.semaphore];
  w.touched(FP.semaphore(th.proc.index, s.semaphore));
  if (sem.count > 0) {
    sem.count--;
    return false;
  }
  th.cur = s;
  th.waitSem = sem;
  enqueueWaiter(sem, th);
  th.waitSince = w.now;
  th.waitRange = s.range;
  blockOn(w, th, 'semaphore');
  return true;
}

/** `sem_post S` (V): the unit goes to the best waiter, or raises the count. */
export function semPost(w: World, th: ThreadRt, s: SemaphoreStmt): void {
  const sem = th.proc.sems[s.semaphore];
  w.touched(FP.semaphore(th.proc.index, s.semaphore));
  const to = bestIndex(sem);
  const e =
    w.rec?.event('post', th, { detail: `sem_post ${sem.spec.name}${to >= 0 ? ` to ${sem.waiters[to].name}` : ''}` }) ??
    -1;
  if (to < 0) {
    sem.count++;
    return;
  }
  const wt = takeAt(sem, to);
  wt.waitSem = null;
  wt.cur = null;
  wake(w, wt, e);
}

/** `join T`: waits for every target to end. */
export function joinThreads(w: World, th: ThreadRt, s: ThreadRefStmt): boolean {
  for (const i of s.threads) w.touched(FP.thread(th.proc.threads[i].id));
  const targets = s.threads.map((i) => th.proc.threads[i]).filter((t) => t.end === null);
  if (targets.length === 0) return false;
  th.cur = s;
  th.waitJoin = targets;
  th.waitSince = w.now;
  th.waitRange = s.range;
  for (const t of targets) t.joiners.push(th);
  if (checkDeadlock(w, th)) return true;
  blockOn(w, th, 'join');
  return true;
}

/** A thread ended (`cause`: its exit's event): joiners whose targets have all ended wake up. */
export function targetEnded(w: World, t: ThreadRt, cause = -1): void {
  for (const j of t.joiners) {
    if (j.end === null && j.waitJoin !== null && !j.deadlocked && j.waitJoin.every((x) => x.end !== null)) {
      j.waitJoin = null;
      j.cur = null;
      wake(w, j, cause);
    }
  }
  t.joiners = [];
}

/** Removes an ending thread from every queue it waits in. */
export function leaveQueues(th: ThreadRt): void {
  const m = th.waitMutex;
  if (m) {
    stopSpinning(th, m);
    removeWaiter(m, th);
    th.waitMutex = null;
  }
  if (th.waitCond) {
    removeWaiter(th.waitCond, th);
    th.waitCond = null;
  }
  if (th.waitSem) {
    removeWaiter(th.waitSem, th);
    th.waitSem = null;
  }
  th.waitJoin = null;
}

/** After a new wait-for edge: a cycle through this thread is a deadlock; its threads stop. */
function checkDeadlock(w: World, th: ThreadRt): boolean {
  const cycle = findCycle(th, w);
  if (cycle === null) return false;
  reportDeadlock(w, cycle);
  for (const t of cycle) {
    t.deadlocked = true;
    if (t.block === null || t.spinning) blockOn(w, t, t.waitMutex ? 'mutex' : 'join');
  }
  return true;
}
