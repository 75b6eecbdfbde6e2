/**
 * Statements (LANGUAGE.md §6): a thread on a CPU runs its zero-time statements until one takes
 * time, blocks or exits. Statements that were interrupted (a preempted compute, a spinning
 * lock, a spawn paying its costs) resume where they stopped.
 */
import type { Engine } from './engine';
import type { LwpRt, ThreadRt } from './entities';
import { hasMore, nextStmt } from './program';
import { blockKlt, kernelYield, makeReady, startSlice, yieldPoint } from './kernel';
import { libraryYield, libraryYieldPoint, releaseLwp, setConcurrency, enqueueUlt } from './library';
import { broadcast, joinThreads, lock, retryLock, semPost, semWait, signal, unlock, wait } from './sync';
import { continueSpawn, exitThread, spawn, stackUse, victimFault } from './lifecycle';
import { touchThread } from './accounting';
import { EV } from './events';

/**
 * Lets a thread take its zero-time steps. Returns false when the slice or the budget paused it
 * in the middle (the engine resumes it), true when it took time, blocked, left its CPU or ended.
 */
export function stepThread(e: Engine, th: ThreadRt): boolean {
  const l = th.lwp as LwpRt;
  e.causeCpu = l.cpu ? l.cpu.id : -1;
  try {
    for (;;) {
      if (!e.tick()) {
        if (e.budgetHit) e.budgetThread = th;
        return false;
      }
      if (th.corruptedBy !== null) {
        victimFault(e, th);
        return true;
      }
      if (th.cur !== null ? resume(e, th, l) : run(e, th, l)) return true;
    }
  } finally {
    e.causeCpu = -1;
  }
}

/** Starts (or continues) a timed statement, unless a preemption or quantum takes the CPU first. */
function timed(e: Engine, l: LwpRt): true {
  if (l.ultPreempt && libraryYieldPoint(e, l)) return true;
  if (yieldPoint(e, l)) return true;
  startSlice(e, l);
  return true;
}

function resume(e: Engine, th: ThreadRt, l: LwpRt): boolean {
  const s = th.cur;
  if (s === null) return false;
  if (s.op === 'compute') {
    if (th.rem > 0) return timed(e, l);
    th.cur = null;
    return false;
  }
  if (th.spawnQueue !== null) return continueSpawn(e, th, l);
  if ((s.op === 'lock' || s.op === 'wait') && th.waitMutex !== null) return retryLock(e, th, l);
  th.cur = null;
  return false;
}

function run(e: Engine, th: ThreadRt, l: LwpRt): boolean {
  const s = nextStmt(th);
  if (s === null) {
    exitThread(e, th, 'exited');
    return true;
  }
  th.atStmt = s;
  switch (s.op) {
    case 'compute': {
      const d = e.draw(s.duration.min, s.duration.max);
      if (d <= 0) return false;
      th.cur = s;
      th.rem = d;
      return timed(e, l);
    }
    case 'io': {
      const d = e.draw(s.duration.min, s.duration.max);
      if (d <= 0) return false;
      th.cur = s;
      th.block = 'io';
      th.waitSince = e.now;
      th.waitRange = s.range;
      e.rec?.event('io', th, { detail: `io ${d}` });
      blockKlt(e, l);
      e.at(e.now + d, 0, th.ord, EV.io, th.id, 0);
      return true;
    }
    case 'sleep': {
      const d = e.draw(s.duration.min, s.duration.max);
      if (d <= 0) return false;
      th.cur = s;
      th.block = 'sleep';
      th.waitSince = e.now;
      th.waitRange = s.range;
      e.rec?.event('sleep', th, { detail: `sleep ${d}` });
      if (th.bound) blockKlt(e, l);
      else releaseLwp(e, th);
      e.at(e.now + d, 0, th.ord, EV.sleep, th.id, 0);
      return true;
    }
    case 'yield':
      if (th.bound) {
        if (yieldPoint(e, l)) return true;
        return kernelYield(e, l);
      }
      if (l.ultPreempt && libraryYieldPoint(e, l)) return true;
      if (yieldPoint(e, l)) return true;
      return libraryYield(e, th, l);
    case 'lock':
      return lock(e, th, l, s);
    case 'unlock':
      unlock(e, th, s);
      return false;
    case 'wait':
      return wait(e, th, s);
    case 'signal':
      signal(e, th, s);
      return false;
    case 'broadcast':
      broadcast(e, th, s);
      return false;
    case 'sem_wait':
      return semWait(e, th, s);
    case 'sem_post':
      semPost(e, th, s);
      return false;
    case 'spawn':
      return spawn(e, th, l, s);
    case 'join':
      return joinThreads(e, th, s);
    case 'exit':
      exitThread(e, th, 'exited');
      return true;
    case 'set_concurrency':
      setConcurrency(e, th.proc, s.level);
      return false;
    case 'stack_use':
      return stackUse(e, th, s);
    case 'repeat':
      return false;
  }
}

/** The end of an `io`: the KLT wakes (at once, an interrupt); a thread at its end exits here. */
export function ioDone(e: Engine, th: ThreadRt, _gen: number): void {
  if (th.end !== null || th.block !== 'io') return;
  th.block = null;
  th.cur = null;
  e.lastEventTime = e.now;
  const l = th.lwp as LwpRt;
  if (!hasMore(th)) {
    exitThread(e, th, 'exited');
    return;
  }
  touchThread(e, th);
  makeReady(e, l);
}

/** The end of a `sleep`: a timer wake-up. */
export function sleepDone(e: Engine, th: ThreadRt, _gen: number): void {
  if (th.end !== null || th.block !== 'sleep') return;
  th.block = null;
  th.cur = null;
  e.lastEventTime = e.now;
  if (!hasMore(th)) {
    exitThread(e, th, 'exited');
    return;
  }
  if (th.bound) {
    touchThread(e, th);
    makeReady(e, th.lwp as LwpRt);
  } else {
    enqueueUlt(e, th, 'tail', true);
  }
}
