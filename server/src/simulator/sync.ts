/**
 * Mutexes, condition variables, semaphores and joins (LANGUAGE.md §8): spinning and sleeping
 * waiters, hand-off to the highest-priority waiter, priority inheritance (transitive) and
 * ceilings, and the wait-for edges the deadlock detector follows.
 */
import type { Engine } from './engine';
import type { LwpRt, MutexRt, ThreadRt } from './entities';
import type { CondvarStmt, MutexStmt, SemaphoreStmt, ThreadRefStmt, WaitStmt } from '../language/model';
import { blockKlt, kernelPriorityChanged, makeReady, stopSlice, yieldPoint } from './kernel';
import { enqueueUlt, libraryPriorityChanged, releaseLwp } from './library';
import { touchLwp, touchMutex, touchThread, touchCpu } from './accounting';
import { findCycle, reportDeadlock } from './deadlock';
import { EV } from './events';

/** True when the thread's KLT is on a CPU (running or spinning): adaptive waiters spin on it. */
export function onCpu(t: ThreadRt): boolean {
  const l = t.lwp;
  return l !== null && l.thread === t && l.state === 'cpu';
}

/** The waiter to wake first: highest effective priority, FIFO among equals. */
function bestWaiter(ws: ThreadRt[]): number {
  let k = 0;
  for (let i = 1; i < ws.length; i++) if (ws[i].effPrio > ws[k].effPrio) k = i;
  return k;
}

/** The thread blocks: a bound thread's KLT blocks in the kernel; an unbound one frees its LWP. */
export function blockOn(e: Engine, th: ThreadRt, kind: ThreadRt['block']): void {
  th.block = kind;
  th.spinning = false;
  e.rec?.event('block', th, { mutex: th.waitMutex?.name ?? null, detail: kind ?? undefined });
  if (th.bound) blockKlt(e, th.lwp as LwpRt);
  else releaseLwp(e, th);
  touchThread(e, th);
}

/** The thread becomes runnable again after a wait in the library or the kernel. */
export function wake(e: Engine, th: ThreadRt): void {
  th.block = null;
  th.spinning = false;
  e.rec?.event('wake', th);
  if (th.bound) {
    const l = th.lwp as LwpRt;
    touchThread(e, th);
    if (l.state === 'blocked') makeReady(e, l);
  } else {
    enqueueUlt(e, th, 'tail', false);
  }
}

/** Recomputes a thread's effective priority (inheritance, ceilings) and propagates it. */
export function recomputePrio(e: Engine, th: ThreadRt): void {
  let p = th.basePrio;
  for (const m of th.held) {
    if (m.spec.protocol === 'ceiling' && m.spec.ceiling !== null && m.spec.ceiling > p) p = m.spec.ceiling;
    else if (m.spec.protocol === 'inherit') for (const w of m.waiters) if (w.effPrio > p) p = w.effPrio;
  }
  if (p === th.effPrio) return;
  th.effPrio = p;
  if (th.end !== null) return;
  if (th.bound) {
    if (th.lwp) {
      th.lwp.kp = p;
      kernelPriorityChanged(e, th.lwp);
    }
  } else {
    libraryPriorityChanged(e, th);
  }
  const m = th.waitMutex;
  if (m !== null && m.owner !== null && m.spec.protocol === 'inherit') recomputePrio(e, m.owner);
}

function acquire(e: Engine, th: ThreadRt, m: MutexRt): void {
  m.owner = th;
  th.held.push(m);
  e.rec?.event('lock', th, { mutex: m.name });
  touchMutex(e, m);
  if (m.spec.protocol !== 'none') recomputePrio(e, th);
}

/** Queues a thread for a held mutex (a wait-for edge). */
function enterWait(e: Engine, th: ThreadRt, m: MutexRt, range: ThreadRt['waitRange']): void {
  th.waitMutex = m;
  m.waiters.push(th);
  th.waitSince = e.now;
  th.waitRange = range;
  if (!m.contended) {
    m.contended = true;
    e.contended.push(m);
  }
  touchMutex(e, m);
  if (m.spec.protocol === 'inherit' && m.owner !== null) recomputePrio(e, m.owner);
}

/** `lock M` (true when the thread stopped: spinning, blocked or deadlocked). */
export function lock(e: Engine, th: ThreadRt, l: LwpRt, s: MutexStmt): boolean {
  const m = th.proc.mutexes[s.mutex];
  if (m.owner === null) {
    acquire(e, th, m);
    return false;
  }
  th.cur = s;
  enterWait(e, th, m, s.range);
  if (checkDeadlock(e, th)) return true;
  return contend(e, th, l, m);
}

/** Spins or sleeps for a held mutex according to its kind. */
function contend(e: Engine, th: ThreadRt, l: LwpRt, m: MutexRt): boolean {
  const spin = m.spec.kind === 'spin' || (m.spec.kind === 'adaptive' && m.owner !== null && onCpu(m.owner));
  if (!spin) {
    blockOn(e, th, 'mutex');
    return true;
  }
  th.spinning = true;
  if (yieldPoint(e, l)) return true;
  l.phase = 'spin';
  l.sliceStart = e.now;
  if (e.quantum !== null) e.at(e.now + Math.max(1, l.qLeft), 0, th.ord, EV.spinQuantum, l.gid, l.gen, false);
  e.rec?.event('spin', th, { mutex: m.name });
  touchThread(e, th);
  touchLwp(e, l);
  if (l.cpu) touchCpu(e, l.cpu);
  return true;
}

/** A spinning waiter back on a CPU tries again. */
export function retryLock(e: Engine, th: ThreadRt, l: LwpRt): boolean {
  const m = th.waitMutex as MutexRt;
  if (th.deadlocked) {
    blockOn(e, th, 'mutex');
    return true;
  }
  return contend(e, th, l, m);
}

/** Hands a mutex to a waiter: it owns it now and continues (on its CPU at once, or when it runs). */
function give(e: Engine, m: MutexRt, w: ThreadRt): void {
  m.owner = w;
  w.held.push(m);
  w.waitMutex = null;
  w.cur = null;
  e.rec?.event('lock', w, { mutex: m.name, detail: 'handed off' });
  touchMutex(e, m);
  if (m.spec.protocol !== 'none') recomputePrio(e, w);
  if (w.spinning) {
    w.spinning = false;
    const l = w.lwp;
    if (l !== null && l.thread === w && l.state === 'cpu' && l.phase === 'spin') {
      stopSlice(e, l);
      touchThread(e, w);
      e.pushStep(w);
    } else {
      touchThread(e, w);
    }
  } else if (w.block !== null) {
    wake(e, w);
  }
  if (m.spec.kind === 'adaptive' && !onCpu(w)) sleepSpinners(e, m);
}

/** Adaptive waiters stop spinning when the owner is off its CPU. */
function sleepSpinners(e: Engine, m: MutexRt): void {
  for (const w of [...m.waiters]) {
    if (w.spinning && w.waitMutex === m) blockOn(e, w, 'mutex');
  }
}

/** The owner's KLT left its CPU: adaptive waiters of what it holds go to sleep (LANGUAGE.md §8). */
export function adaptiveOwnerLeft(e: Engine, owner: ThreadRt): void {
  for (const m of owner.held) if (m.spec.kind === 'adaptive' && m.waiters.length > 0) sleepSpinners(e, m);
}

/** Removes a[i], keeping the order (no array allocated, unlike `splice`: this runs on every unlock). */
function removeAt<T>(a: T[], i: number): T {
  const x = a[i];
  for (let k = i + 1; k < a.length; k++) a[k - 1] = a[k];
  a.pop();
  return x;
}

/** Releases a held mutex, handing it to the best waiter. */
function release(e: Engine, th: ThreadRt, m: MutexRt): void {
  const i = th.held.indexOf(m);
  if (i >= 0) removeAt(th.held, i);
  e.rec?.event('unlock', th, { mutex: m.name });
  if (m.waiters.length > 0) {
    const w = removeAt(m.waiters, bestWaiter(m.waiters));
    give(e, m, w);
  } else {
    m.owner = null;
    touchMutex(e, m);
  }
  if (m.spec.protocol !== 'none') recomputePrio(e, th);
}

/** `unlock M`; unlocking a mutex the thread does not hold does nothing (static analysis reports it). */
export function unlock(e: Engine, th: ThreadRt, s: MutexStmt): void {
  const m = th.proc.mutexes[s.mutex];
  if (m.owner === th) release(e, th, m);
}

/** `wait C M`: releases M and sleeps on C. */
export function wait(e: Engine, th: ThreadRt, s: WaitStmt): boolean {
  const c = th.proc.conds[s.condvar];
  const m = th.proc.mutexes[s.mutex];
  th.cur = s;
  if (m.owner === th) release(e, th, m);
  th.waitCond = c;
  c.waiters.push(th);
  th.waitSince = e.now;
  th.waitRange = s.range;
  blockOn(e, th, 'condvar');
  return true;
}

/** A woken condvar waiter queues for its mutex (or takes it when free). */
function reacquire(e: Engine, w: ThreadRt): void {
  w.waitCond = null;
  const s = w.cur as WaitStmt;
  const m = w.proc.mutexes[s.mutex];
  if (m.owner === null) {
    acquire(e, w, m);
    w.cur = null;
    wake(e, w);
    return;
  }
  w.block = 'mutex';
  enterWait(e, w, m, s.range);
  touchThread(e, w);
  checkDeadlock(e, w);
}

/** `signal C`: wakes the highest-priority waiter, if any. */
export function signal(e: Engine, th: ThreadRt, s: CondvarStmt): void {
  const c = th.proc.conds[s.condvar];
  e.rec?.event('signal', th, { detail: `signal ${c.spec.name}` });
  if (c.waiters.length === 0) return;
  const w = c.waiters.splice(bestWaiter(c.waiters), 1)[0];
  reacquire(e, w);
}

/** `broadcast C`: wakes every waiter, in priority order. */
export function broadcast(e: Engine, th: ThreadRt, s: CondvarStmt): void {
  const c = th.proc.conds[s.condvar];
  e.rec?.event('signal', th, { detail: `broadcast ${c.spec.name}` });
  while (c.waiters.length > 0) reacquire(e, c.waiters.splice(bestWaiter(c.waiters), 1)[0]);
}

/** `sem_wait S` (P). */
export function semWait(e: Engine, th: ThreadRt, s: SemaphoreStmt): boolean {
  const sem = th.proc.sems[s.semaphore];
  if (sem.count > 0) {
    sem.count--;
    return false;
  }
  th.cur = s;
  th.waitSem = sem;
  sem.waiters.push(th);
  th.waitSince = e.now;
  th.waitRange = s.range;
  blockOn(e, th, 'semaphore');
  return true;
}

/** `sem_post S` (V): the unit goes to the best waiter, or raises the count. */
export function semPost(e: Engine, th: ThreadRt, s: SemaphoreStmt): void {
  const sem = th.proc.sems[s.semaphore];
  if (sem.waiters.length === 0) {
    sem.count++;
    return;
  }
  const w = sem.waiters.splice(bestWaiter(sem.waiters), 1)[0];
  w.waitSem = null;
  w.cur = null;
  wake(e, w);
}

/** `join T`: waits for every target to end. */
export function joinThreads(e: Engine, th: ThreadRt, s: ThreadRefStmt): boolean {
  const targets = s.threads.map((i) => th.proc.threads[i]).filter((t) => t.end === null);
  if (targets.length === 0) return false;
  th.cur = s;
  th.waitJoin = targets;
  th.waitSince = e.now;
  th.waitRange = s.range;
  for (const t of targets) t.joiners.push(th);
  if (checkDeadlock(e, th)) return true;
  blockOn(e, th, 'join');
  return true;
}

/** A thread ended: joiners whose targets have all ended wake up. */
export function targetEnded(e: Engine, t: ThreadRt): void {
  for (const j of t.joiners) {
    if (j.end === null && j.waitJoin !== null && !j.deadlocked && j.waitJoin.every((x) => x.end !== null)) {
      j.waitJoin = null;
      j.cur = null;
      wake(e, j);
    }
  }
  t.joiners = [];
}

/** Removes an ending thread from every queue it waits in. */
export function leaveQueues(th: ThreadRt): void {
  const m = th.waitMutex;
  if (m) {
    const i = m.waiters.indexOf(th);
    if (i >= 0) m.waiters.splice(i, 1);
    th.waitMutex = null;
  }
  if (th.waitCond) {
    const i = th.waitCond.waiters.indexOf(th);
    if (i >= 0) th.waitCond.waiters.splice(i, 1);
    th.waitCond = null;
  }
  if (th.waitSem) {
    const i = th.waitSem.waiters.indexOf(th);
    if (i >= 0) th.waitSem.waiters.splice(i, 1);
    th.waitSem = null;
  }
  th.waitJoin = null;
}

/** After a new wait-for edge: a cycle through this thread is a deadlock; its threads stop. */
function checkDeadlock(e: Engine, th: ThreadRt): boolean {
  const cycle = findCycle(th);
  if (cycle === null) return false;
  reportDeadlock(e, cycle);
  for (const t of cycle) {
    t.deadlocked = true;
    if (t.block === null || t.spinning) blockOn(e, t, t.waitMutex ? 'mutex' : 'join');
  }
  return true;
}
