/**
 * The engine: event-driven discrete time. It jumps from one instant to the next; at each
 * instant it processes the timed completions, then signals and interrupts, then creations
 * (the heap orders them by phase, then declaration order), then lets threads take their
 * zero-time steps, first in declaration order first, to a fixed point (docs/reference/language.md §5.5).
 * The run is resumable: `step` stops at an instant, after N events, or when the host says.
 *
 * The engine is the top of the simulator's stack (world ← kernel ← library ← sync ←
 * lifecycle ← exec ← events ← engine): it owns the loop and wires the kernel's hooks.
 */
import type { Model } from '../language/model';
import type { Simulation, SimulationOptions, SimulationSnapshot, StepLimit } from './api';
import { restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot';
import type { RunResult } from './trace';
import type { LwpRt, ThreadRt } from './entities';
import { World, clampPick } from './world';
import { InversionTracker } from './inversion';
import { internModel } from './intern';
import { IndexedHeap, SortedQueue, type TimedEvent } from './heap';
import { buildWorld, prioritiesDiffer } from './setup';
import { handleEvent } from './events';
import { stepThread } from './exec';
import { endOfInstant, finishRun } from './detectors';
import { buildResult } from './result';
import { touchThread } from './accounting';
import { kernelOrder } from './kernel';
import { switchNext } from './library';
import { adaptiveOwnerLeft } from './sync';
import { settle } from './arrivals';

export { DEFAULT_MAX_EVENTS } from './world';

interface EngineSnapshot extends SimulationSnapshot {
  readonly state: Snapshot;
}

export class Engine extends World implements Simulation {
  constructor(model: Model, options: SimulationOptions) {
    model = internModel(model);
    const prioritiesVary = prioritiesDiffer(model);
    // With one priority everywhere (or a policy that ignores it) a KLT that becomes ready goes
    // at or near the end of the queue: a sorted array. Otherwise priorities and sjf keys
    // scatter insertions: a heap.
    const sorted = model.policy === 'fifo' || model.policy === 'rr' || (model.policy === 'priority' && !prioritiesVary);
    const less = kernelOrder(model.policy);
    super({
      model,
      options,
      kq: sorted ? new SortedQueue<LwpRt>(less) : new IndexedHeap<LwpRt>(less),
      kqLess: less,
      hooks: { poolLwpBegins: switchNext, ownerLeftCpu: adaptiveOwnerLeft },
      inversions: new InversionTracker(),
      prioritiesVary,
    });
    buildWorld(this);
    this.startRun();
  }

  step(limit: StepLimit = {}): boolean {
    this.sliceEnd = limit.maxEvents !== undefined ? this.eventCount + limit.maxEvents : Infinity;
    this.unitEnd = limit.maxUnits !== undefined ? this.units + limit.maxUnits : Infinity;
    this.shouldStop = limit.shouldStop ?? null;
    this.paused = false;
    const until = limit.untilTime ?? Infinity;
    while (!this.done) {
      if (!this.inInstant) {
        const next = this.heap.peek();
        if (next === undefined || (this.progressPending === 0 && this.kq.size === 0)) {
          finishRun(this, 'end');
          break;
        }
        if (next.t > this.horizon) {
          finishRun(this, 'horizon');
          break;
        }
        if (next.t > until) return false;
        if (this.eventCount >= this.sliceEnd || this.units >= this.unitEnd || (this.shouldStop && this.shouldStop())) {
          return false;
        }
        this.now = next.t;
        this.inInstant = true;
        this.arriving = true;
      }
      this.runInstant();
      if (this.budgetHit) {
        finishRun(this, 'budget');
        break;
      }
      if (this.paused) return false;
    }
    return this.done;
  }

  private runInstant(): void {
    for (;;) {
      let ev: TimedEvent | undefined;
      while ((ev = this.heap.peek()) !== undefined && ev.t === this.now) {
        this.heap.pop();
        if (ev.progress) this.progressPending--;
        handleEvent(this, ev);
        // Handlers keep no reference to the event: it is reused (no allocation per event).
        this.recycle(ev);
        const go = this.tick();
        if (this.unitDone() || !go) return;
      }
      if (this.arriving) {
        settle(this);
        if (this.unitDone()) return;
      }
      if (this.steps.size === 0 && this.stepping === null) break;
      this.runSteps();
      if (this.paused || this.budgetHit) return;
    }
    this.inInstant = false;
    endOfInstant(this);
  }

  private runSteps(): void {
    while (this.stepping !== null || this.steps.size > 0) {
      let th = this.stepping;
      if (th === null) {
        th = this.threads[this.nextStepper()];
        th.inStep = false;
        if (!isSteppable(th)) continue;
      }
      this.stepping = th;
      const finished = stepThread(this, th);
      if (!finished) return;
      this.stepping = null;
      if (this.unitDone()) return;
    }
  }

  /** Counts a unit; true when the slice's units are used up (the run pauses here). */
  private unitDone(): boolean {
    if (++this.units < this.unitEnd) return false;
    this.paused = true;
    return true;
  }

  private nextStepper(): number {
    if (!this.choose || this.steps.size < 2) return this.steps.pop();
    // Only threads that can still step are alternatives (one preempted since it was marked is not).
    const all = this.steps.drain().sort((a, b) => a - b);
    const ids = all.filter((i) => isSteppable(this.threads[i]));
    if (ids.length < 2) {
      for (const i of ids) this.steps.push(i);
      for (const i of all) this.threads[i].inStep = ids.includes(i);
      return ids.length === 0 ? all[0] : this.steps.pop();
    }
    for (const i of all) if (!ids.includes(i)) this.threads[i].inStep = false;
    const pick = clampPick(
      this.choose({
        t: this.now,
        kind: 'order',
        count: ids.length,
        defaultPick: 0,
        labels: ids.map((i) => this.threads[i].name),
      }),
      ids.length,
    );
    for (let k = 0; k < ids.length; k++) if (k !== pick) this.steps.push(ids[k]);
    return ids[pick];
  }

  snapshot(): SimulationSnapshot {
    const s: EngineSnapshot = { owner: this, state: takeSnapshot(this) };
    return s;
  }

  restore(s: SimulationSnapshot): void {
    if (s.owner !== this || !('state' in s)) {
      throw new Error('a snapshot is restored into the simulation it was taken of');
    }
    restoreSnapshot(this, (s as EngineSnapshot).state);
  }

  result(): RunResult {
    for (const th of this.threads) touchThread(this, th);
    return buildResult(this);
  }
}

function isSteppable(th: ThreadRt): boolean {
  const l = th.lwp;
  return th.end === null && l !== null && l.thread === th && l.state === 'cpu' && l.phase === 'step';
}
