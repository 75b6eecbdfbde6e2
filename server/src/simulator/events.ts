/** Timed events of the engine's heap and what each does when its instant comes. */
import type { Engine } from './engine';
import type { TimedEvent } from './heap';
import { beginRun, deliverPreempt, stopSlice } from './kernel';
import { createThread, reap, spawnCostDone } from './lifecycle';
import { ioDone, sleepDone } from './exec';
import { agePool, libraryIpi, lwpArrives } from './library';
import { touchThread } from './accounting';

/** Event kinds. Phases: 0 timed completions, 1 signals and interrupts, 2 creations, 3 housekeeping. */
export const EV = {
  slice: 0,
  io: 1,
  sleep: 2,
  switchEnd: 3,
  spinQuantum: 4,
  kernelIpi: 6,
  libraryIpi: 7,
  create: 8,
  lwpReady: 9,
  reap: 10,
  age: 11,
} as const;

export function handleEvent(e: Engine, ev: TimedEvent): void {
  switch (ev.kind) {
    case EV.slice: {
      const l = e.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'timed' || !l.thread) return;
      const th = l.thread;
      stopSlice(e, l);
      e.lastEventTime = e.now;
      if (e.quantum !== null && l.qLeft <= 0) l.qExpired = true;
      if (th.rem <= 0) {
        if (th.spawnQueue) spawnCostDone(e, th);
        else th.cur = null;
      }
      touchThread(e, th);
      e.pushStep(th);
      return;
    }
    case EV.spinQuantum: {
      const l = e.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'spin' || !l.thread) return;
      stopSlice(e, l);
      l.qExpired = true;
      e.pushStep(l.thread);
      return;
    }
    case EV.switchEnd: {
      const l = e.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'switch') return;
      beginRun(e, l);
      return;
    }
    case EV.io:
      ioDone(e, e.threads[ev.target], ev.gen);
      return;
    case EV.sleep:
      sleepDone(e, e.threads[ev.target], ev.gen);
      return;
    case EV.kernelIpi:
      deliverPreempt(e, e.cpus[ev.target]);
      return;
    case EV.libraryIpi:
      libraryIpi(e, e.lwps[ev.target], ev.gen);
      return;
    case EV.create: {
      const th = e.threads[ev.target];
      if (!th.created && !th.proc.killed) createThread(e, th, false);
      return;
    }
    case EV.lwpReady:
      lwpArrives(e, ev.target, ev.gen);
      return;
    case EV.reap:
      reap(e, e.procs[ev.target]);
      return;
    case EV.age:
      agePool(e, e.lwps[ev.target], ev.gen);
      return;
  }
}
