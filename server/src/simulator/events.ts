/** Timed events of the engine's heap and what each does when its instant comes. */
import type { World } from './world';
import type { TimedEvent } from './heap';
import { EV } from './event-kinds';
import { beginRun, deliverPreempt, stopSlice } from './kernel';
import { createThread, reap, spawnCostDone } from './lifecycle';
import { ioDone, sleepDone } from './exec';
import { libraryIpi } from './library';
import { agePool, lwpArrives } from './pool';
import { touchThread } from './accounting';

export function handleEvent(w: World, ev: TimedEvent): void {
  switch (ev.kind) {
    case EV.slice: {
      const l = w.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'timed' || !l.thread) return;
      const th = l.thread;
      stopSlice(w, l);
      w.threadEvent();
      if (w.quantum !== null && l.qLeft <= 0) l.qExpired = true;
      if (th.rem <= 0) {
        if (th.spawnQueue) spawnCostDone(w, th);
        else th.cur = null;
      }
      touchThread(w, th);
      w.pushStep(th);
      return;
    }
    case EV.spinQuantum: {
      const l = w.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'spin' || !l.thread) return;
      stopSlice(w, l);
      l.qExpired = true;
      w.pushStep(l.thread);
      return;
    }
    case EV.switchEnd: {
      const l = w.lwps[ev.target];
      if (l.gen !== ev.gen || l.phase !== 'switch') return;
      beginRun(w, l);
      return;
    }
    case EV.io:
      ioDone(w, w.threads[ev.target], ev.gen);
      return;
    case EV.sleep:
      sleepDone(w, w.threads[ev.target], ev.gen);
      return;
    // A signal that arrives with the other arrivals of its instant is decided once they are all
    // in (docs/reference/language.md §5.5); the decision is taken again then.
    case EV.kernelIpi:
      if (w.arriving) w.kSignals.push(w.cpus[ev.target]);
      else deliverPreempt(w, w.cpus[ev.target]);
      return;
    case EV.libraryIpi:
      if (w.arriving) w.uSignals.push(w.lwps[ev.target]);
      else libraryIpi(w, w.lwps[ev.target]);
      return;
    case EV.create: {
      const th = w.threads[ev.target];
      if (!th.created && !th.proc.killed) createThread(w, th, false);
      return;
    }
    case EV.lwpReady:
      lwpArrives(w, ev.target);
      return;
    case EV.reap:
      reap(w, w.procs[ev.target]);
      return;
    case EV.age:
      agePool(w, w.lwps[ev.target], ev.gen);
      return;
  }
}
