/**
 * The engine: event-driven discrete time. It jumps from one instant to the next; at each
 * instant it processes the timed completions, then signals and interrupts, then creations
 * (the heap orders them by phase, then declaration order), then lets threads take their
 * zero-time steps, first in declaration order first, to a fixed point (LANGUAGE.md §5.5).
 * The run is resumable: `step` stops at an instant, after N events, or when the host says.
 */
import type { Model } from '../language/model';
import type { Diagnostic } from '../language/diagnostic';
import type { Simulation, SimulationOptions, StepLimit, ChoiceHook } from './api';
import type { Counters, Outcome, RunResult } from './trace';
import type { CpuRt, LwpRt, MutexRt, Overflow, ProcRt, ThreadRt } from './entities';
import { InversionTracker } from './inversion';
import { internModel } from './intern';
import { EventHeap, IndexedHeap, IntHeap, SortedQueue, type ReadyQueue, type TimedEvent } from './heap';
import { Mulberry32 } from './rng';
import { Recorder } from './recorder';
import { buildWorld, prioritiesDiffer } from './setup';
import { handleEvent, EV } from './events';
import { stepThread } from './exec';
import { endOfInstant, finishRun } from './detectors';
import { buildResult } from './result';
import { touchThread } from './accounting';
import { StmtCache } from './program';

/** The default event budget (LANGUAGE.md §9). */
export const DEFAULT_MAX_EVENTS = 10_000_000;

export class Engine implements Simulation {
  now = 0;
  done = false;
  eventCount = 0;
  outcome: Outcome = 'completed';
  /** Instant of the last thread event (LANGUAGE.md §9 `endTime`). */
  lastEventTime = 0;
  readonly heap = new EventHeap();
  private readonly freeEvents: TimedEvent[] = [];
  /** Normalized statements and bodies shared between threads (program.ts). */
  readonly stmtCache = new StmtCache();
  private seq = 0;
  /** Pending heap events that may make progress (not housekeeping, not a spinner's quantum). */
  progressPending = 0;
  readonly steps = new IntHeap();
  readonly threads: ThreadRt[] = [];
  readonly lwps: LwpRt[] = [];
  readonly cpus: CpuRt[] = [];
  readonly procs: ProcRt[] = [];
  readonly kq: ReadyQueue<LwpRt>;
  readonly rng: Mulberry32;
  readonly horizon: number;
  readonly maxEvents: number;
  readonly quantum: number | null;
  readonly choose: ChoiceHook | null;
  readonly rec: Recorder | null;
  /** CPU of the thread taking zero-time steps now, -1 for timers, I/O and creations. */
  causeCpu = -1;
  headCounter = 0;
  rqCounter = 0;
  idleCpus = 0;
  /** Mutexes that have had waiters (checked by the inversion detector). */
  readonly contended: MutexRt[] = [];
  /** True when priorities differ anywhere, so inversions are possible at all. */
  prioritiesVary = false;
  deadlockFound = false;
  faultFound = false;
  liveThreads = 0;
  readonly diags: Diagnostic[] = [];
  readonly overflows: Overflow[] = [];
  readonly inversions = new InversionTracker();
  endTime = 0;
  readonly counters: Counters = {
    switches: 0,
    processSwitches: 0,
    ipis: 0,
    upcalls: 0,
    lwpsCreated: 0,
    lwpsReclaimed: 0,
    threadsCreated: 0,
    threadsReused: 0,
    threadsReaped: 0,
  };
  /** Thread stepping when a slice paused in the middle of an instant. */
  stepping: ThreadRt | null = null;
  inInstant = false;
  /** Events allowed before the current slice pauses. */
  sliceEnd = Infinity;
  shouldStop: (() => boolean) | null = null;
  paused = false;
  budgetHit = false;
  /** Where the budget ran out. */
  budgetThread: ThreadRt | null = null;

  /** The model, keywords internalized (see intern.ts). */
  readonly model: Model;

  constructor(
    model: Model,
    readonly options: SimulationOptions,
  ) {
    model = internModel(model);
    this.model = model;
    this.rng = new Mulberry32(options.seed ?? model.seed);
    this.horizon = options.horizon ?? model.horizon;
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.quantum = model.policy === 'rr' || model.policy === 'priority' ? model.quantum : null;
    this.choose = options.choose ?? null;
    const rec = options.record;
    this.rec = rec && (rec.events || rec.spans) ? new Recorder(this, !!rec.events, !!rec.spans) : null;
    this.prioritiesVary = prioritiesDiffer(model);
    // With one priority everywhere (or a policy that ignores it) a KLT that becomes ready goes
    // at or near the end of the queue: a sorted array. Otherwise priorities and sjf keys
    // scatter insertions: a heap.
    const sorted =
      model.policy === 'fifo' || model.policy === 'rr' || (model.policy === 'priority' && !this.prioritiesVary);
    this.kq = sorted ? new SortedQueue<LwpRt>(kernelOrder(this)) : new IndexedHeap<LwpRt>(kernelOrder(this));
    buildWorld(this);
  }

  /** Schedules a timed event; `progress` false for housekeeping. */
  at(t: number, phase: number, ord: number, kind: number, target: number, gen: number, progress = true): void {
    if (progress) this.progressPending++;
    const ev = this.freeEvents.pop();
    if (ev === undefined) {
      this.heap.push({ t, phase, ord, seq: this.seq++, kind, target, gen, progress });
      return;
    }
    ev.t = t;
    ev.phase = phase;
    ev.ord = ord;
    ev.seq = this.seq++;
    ev.kind = kind;
    ev.target = target;
    ev.gen = gen;
    ev.progress = progress;
    this.heap.push(ev);
  }

  /** Draws a duration (LANGUAGE.md §7), through the choice hook when a host drives the run. */
  draw(min: number, max: number): number {
    if (min === max) return min;
    const v = this.rng.range(min, max);
    if (!this.choose) return v;
    const pick = this.choose({ t: this.now, kind: 'range', count: max - min + 1, defaultPick: v - min });
    return min + clampPick(pick, max - min + 1);
  }

  step(limit: StepLimit = {}): boolean {
    this.sliceEnd = limit.maxEvents !== undefined ? this.eventCount + limit.maxEvents : Infinity;
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
        if (this.eventCount >= this.sliceEnd || (this.shouldStop && this.shouldStop())) return false;
        this.now = next.t;
        this.inInstant = true;
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

  /** Counts one event; false when the budget or the slice says stop. */
  tick(): boolean {
    this.eventCount++;
    if (this.eventCount >= this.maxEvents) {
      this.budgetHit = true;
      return false;
    }
    if (this.eventCount >= this.sliceEnd || ((this.eventCount & 1023) === 0 && this.shouldStop && this.shouldStop())) {
      this.paused = true;
      return false;
    }
    return true;
  }

  private runInstant(): void {
    for (;;) {
      let e: TimedEvent | undefined;
      while ((e = this.heap.peek()) !== undefined && e.t === this.now) {
        this.heap.pop();
        if (e.progress) this.progressPending--;
        handleEvent(this, e);
        // Handlers keep no reference to the event: it is reused (no allocation per event).
        this.freeEvents.push(e);
        if (!this.tick()) return;
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
    }
  }

  private nextStepper(): number {
    if (!this.choose || this.steps.size < 2) return this.steps.pop();
    const ids = this.steps.drain().sort((a, b) => a - b);
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

  /** Marks a thread on a CPU as able to take zero-time steps at this instant. */
  pushStep(th: ThreadRt): void {
    if (!th.inStep) {
      th.inStep = true;
      this.steps.push(th.id);
    }
  }

  setOutcome(o: Outcome): void {
    this.outcome = o;
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

function clampPick(pick: number, count: number): number {
  return Number.isInteger(pick) && pick >= 0 && pick < count ? pick : 0;
}

/** Kernel ready-queue order (LANGUAGE.md §5.5). */
function kernelOrder(e: Engine): (a: LwpRt, b: LwpRt) => boolean {
  const policy = e.model.policy;
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

export { EV };
