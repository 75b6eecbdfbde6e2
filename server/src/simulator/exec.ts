/**
 * Statements (docs/reference/language.md §6): a thread on a CPU runs its zero-time statements until one takes
 * time, blocks or exits. Statements that were interrupted (a preempted compute, a spinning
 * lock, a spawn paying its costs) resume where they stopped.
 */
import { FP, type World } from './world';
import { must, type LwpRt, type ThreadRt } from './entities';
import { hasMore, nextStmt } from './program';
import { blockKlt, kernelYield, makeReady, startSlice, yieldPoint } from './kernel';
import { libraryYield, libraryYieldPoint, releaseLwp, enqueueUlt } from './library';
import { setConcurrency } from './pool';
import { broadcast, joinThreads, lock, retryLock, semPost, semWait, signal, unlock, wait } from './sync';
import { continueSpawn, exitThread, spawn, stackUse, victimFault } from './lifecycle';
import { touchThread } from './accounting';
import { EV } from './event-kinds';

/**
 * Lets a thread take its zero-time steps. Returns false when the slice or the budget paused it
 * in the middle (the engine resumes it), true when it took time, blocked, left its CPU or ended.
 */
export function stepThread(w: World, th: ThreadRt): boolean {
  // What others see of this thread (what it waits for, whether it ended) is its steps' to change.
  w.touched(FP.thread(th.id));
  const l = must(th.lwp, 'a stepping thread is on an LWP');
  w.causeCpu = l.cpu ? l.cpu.id : -1;
  try {
    for (;;) {
      if (!w.beforeStatement()) {
        if (w.budgetHit) w.budgetThread = th;
        return false;
      }
      if (th.corruptedBy !== null) {
        victimFault(w, th);
        return true;
      }
      if (th.cur !== null ? resume(w, th, l) : run(w, th, l)) return true;
    }
  } finally {
    w.causeCpu = -1;
  }
}

/** Starts (or continues) a timed statement, unless a preemption or quantum takes the CPU first. */
function timed(w: World, l: LwpRt): true {
  if (l.ultPreempt && libraryYieldPoint(w, l)) return true;
  if (yieldPoint(w, l)) return true;
  startSlice(w, l);
  return true;
}

function resume(w: World, th: ThreadRt, l: LwpRt): boolean {
  const s = th.cur;
  if (s === null) return false;
  if (s.op === 'compute') {
    if (th.rem > 0) return timed(w, l);
    th.cur = null;
    return false;
  }
  if (th.spawnQueue !== null) return continueSpawn(w, th, l);
  if ((s.op === 'lock' || s.op === 'wait') && th.waitMutex !== null) return retryLock(w, th, l);
  th.cur = null;
  return false;
}

function run(w: World, th: ThreadRt, l: LwpRt): boolean {
  const s = nextStmt(th);
  if (s === null) {
    exitThread(w, th, 'exited');
    return true;
  }
  th.atStmt = s;
  w.rec?.statement(th.id, s.range);
  switch (s.op) {
    case 'compute': {
      const d = w.draw(s.duration.min, s.duration.max, w.choose ? `${th.name}'s compute` : undefined);
      if (d <= 0) return false;
      th.cur = s;
      th.rem = d;
      return timed(w, l);
    }
    case 'io': {
      const d = w.draw(s.duration.min, s.duration.max, w.choose ? `${th.name}'s io` : undefined);
      if (d <= 0) return false;
      th.cur = s;
      th.block = 'io';
      th.waitSince = w.now;
      th.waitRange = s.range;
      w.rec?.event('io', th, { detail: `io ${d}` });
      blockKlt(w, l);
      w.at(w.now + d, 0, th.ord, EV.io, th.id, 0);
      return true;
    }
    case 'sleep': {
      const d = w.draw(s.duration.min, s.duration.max, w.choose ? `${th.name}'s sleep` : undefined);
      if (d <= 0) return false;
      th.cur = s;
      th.block = 'sleep';
      th.waitSince = w.now;
      th.waitRange = s.range;
      w.rec?.event('sleep', th, { detail: `sleep ${d}` });
      if (th.bound) blockKlt(w, l);
      else releaseLwp(w, th);
      w.at(w.now + d, 0, th.ord, EV.sleep, th.id, 0);
      return true;
    }
    case 'yield':
      if (th.bound) {
        if (yieldPoint(w, l)) return true;
        return kernelYield(w, l);
      }
      if (l.ultPreempt && libraryYieldPoint(w, l)) return true;
      if (yieldPoint(w, l)) return true;
      return libraryYield(w, th, l);
    case 'lock':
      return lock(w, th, l, s);
    case 'unlock':
      unlock(w, th, s);
      return false;
    case 'wait':
      return wait(w, th, s);
    case 'signal':
      signal(w, th, s);
      return false;
    case 'broadcast':
      broadcast(w, th, s);
      return false;
    case 'sem_wait':
      return semWait(w, th, s);
    case 'sem_post':
      semPost(w, th, s);
      return false;
    case 'spawn':
      return spawn(w, th, l, s);
    case 'join':
      return joinThreads(w, th, s);
    case 'exit':
      exitThread(w, th, 'exited');
      return true;
    case 'set_concurrency':
      setConcurrency(w, th.proc, s.level);
      return false;
    case 'stack_use':
      return stackUse(w, th, s);
    case 'repeat':
      return false;
  }
}

/** The end of an `io`: the KLT wakes (at once, an interrupt); a thread at its end exits here. */
export function ioDone(w: World, th: ThreadRt, _gen: number): void {
  if (th.end !== null || th.block !== 'io') return;
  th.block = null;
  th.cur = null;
  w.threadEvent();
  const l = must(th.lwp, 'a thread in io keeps its LWP');
  if (!hasMore(th)) {
    exitThread(w, th, 'exited');
    return;
  }
  touchThread(w, th);
  makeReady(w, l);
}

/** The end of a `sleep`: a timer wake-up. */
export function sleepDone(w: World, th: ThreadRt, _gen: number): void {
  if (th.end !== null || th.block !== 'sleep') return;
  th.block = null;
  th.cur = null;
  w.threadEvent();
  if (!hasMore(th)) {
    exitThread(w, th, 'exited');
    return;
  }
  if (th.bound) {
    touchThread(w, th);
    makeReady(w, must(th.lwp, 'a bound thread has its LWP'));
  } else {
    enqueueUlt(w, th, 'tail', true);
  }
}
