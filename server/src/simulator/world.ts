/**
 * The state of one simulation: every entity, the event heap, the queues, the counters and the
 * diagnostics found so far, with the few primitives every layer uses (schedule an event, draw a
 * duration, count an event, mark a thread able to step). It imports no logic of the simulator:
 * the layers above (kernel, library, sync, lifecycle, exec, events, engine) all work on it, and
 * the kernel reaches the layers above it only through `hooks`.
 */
import type { Model } from '../language/model';
import type { Diagnostic } from '../language/diagnostic';
import type { ChoiceHook, SimulationOptions } from './api';
import type { Counters, InversionInterval, Outcome } from './trace';
import type { CpuRt, LwpRt, MutexRt, Overflow, ProcRt, ThreadRt } from './entities';
import { EventHeap, IntHeap, type ReadyQueue, type TimedEvent } from './heap';
import { Mulberry32 } from './rng';
import { Recorder } from './recorder';
import { StmtCache } from './program';

/** The default event budget (docs/reference/language.md §9). */
export const DEFAULT_MAX_EVENTS = 10_000_000;

/** Calls from the kernel up to the layers above it, wired by the engine. */
export interface KernelHooks {
  /** A pool LWP without a ULT began running on a CPU (unparked): the library gives it work. */
  poolLwpBegins(w: World, l: LwpRt): void;
  /** A thread's KLT left its CPU: adaptive waiters of what it holds go to sleep. */
  ownerLeftCpu(w: World, th: ThreadRt): void;
}

/** The unbounded-inversion detector's view, as the end-of-instant checks and the result use it. */
export interface InversionLog {
  check(w: World): void;
  finish(t: number): void;
  diagnostics(): Diagnostic[];
  readonly intervals: InversionInterval[];
  /** True once an unbounded inversion has been observed. */
  readonly observed: boolean;
  /** Its state, to return to (simulation snapshots). */
  save(): unknown;
  load(saved: unknown): void;
}

/**
 * What a thread's zero-time steps did that another thread's could observe (the explorer's
 * independence, docs/reference/language.md §7): the sync objects and join targets they touched, and whether
 * they readied a thread, freed a CPU or an LWP, preempted, spawned or created an LWP (then
 * they depend on every other step). Recorded only while `World.footprint` is set.
 */
export interface Footprint {
  keys: Set<number>;
  dependent: boolean;
}

/** Footprint keys: a sync object or a join target. */
export const FP = {
  mutex: (proc: number, index: number): number => 1 * 2 ** 32 + proc * 2 ** 20 + index,
  condvar: (proc: number, index: number): number => 2 * 2 ** 32 + proc * 2 ** 20 + index,
  semaphore: (proc: number, index: number): number => 3 * 2 ** 32 + proc * 2 ** 20 + index,
  thread: (id: number): number => 4 * 2 ** 32 + id,
} as const;

/** What the engine hands the world when it builds it. */
export interface WorldParts {
  model: Model;
  options: SimulationOptions;
  kq: ReadyQueue<LwpRt>;
  /** The kernel ready queue's order (true when `a` goes first). */
  kqLess: (a: LwpRt, b: LwpRt) => boolean;
  hooks: KernelHooks;
  inversions: InversionLog;
  prioritiesVary: boolean;
}

export class World {
  now = 0;
  done = false;
  eventCount = 0;
  outcome: Outcome = 'completed';
  /** Instant of the last thread event (docs/reference/language.md §9 `endTime`). */
  lastEventTime = 0;
  readonly heap = new EventHeap();
  private readonly freeEvents: TimedEvent[] = [];
  /** Normalized statements and bodies shared between threads (program.ts). */
  readonly stmtCache = new StmtCache();
  seq = 0;
  /** Pending heap events that may make progress (not housekeeping, not a spinner's quantum). */
  progressPending = 0;
  readonly steps = new IntHeap();
  readonly threads: ThreadRt[] = [];
  readonly lwps: LwpRt[] = [];
  /** Every LWP object made in this run, by `gid` (those `lwps` forgot after a restore included). */
  readonly lwpObjects: LwpRt[] = [];
  readonly cpus: CpuRt[] = [];
  readonly procs: ProcRt[] = [];
  readonly kq: ReadyQueue<LwpRt>;
  readonly kqLess: (a: LwpRt, b: LwpRt) => boolean;
  readonly rng: Mulberry32;
  readonly horizon: number;
  readonly maxEvents: number;
  readonly quantum: number | null;
  readonly choose: ChoiceHook | null;
  readonly rec: Recorder | null;
  readonly hooks: KernelHooks;
  readonly inversions: InversionLog;
  /** CPU of the thread taking zero-time steps now, -1 for timers, I/O and creations. */
  causeCpu = -1;
  headCounter = 0;
  rqCounter = 0;
  idleCpus = 0;
  /** Mutexes that have had waiters (checked by the inversion detector). */
  readonly contended: MutexRt[] = [];
  /** True when priorities differ anywhere, so inversions are possible at all. */
  readonly prioritiesVary: boolean;
  deadlockFound = false;
  faultFound = false;
  liveThreads = 0;
  readonly diags: Diagnostic[] = [];
  readonly overflows: Overflow[] = [];
  endTime = 0;
  readonly counters: Counters = zeroCounters();
  /**
   * True while the timed events of an instant are handled (docs/reference/language.md §5.5, "Simultaneous
   * arrivals"): what becomes ready only enters its queue, and the lists below say what to place
   * once every arrival of the instant is in (`settle`).
   */
  arriving = false;
  /** KLTs made ready while arriving. */
  readonly kArrivals: LwpRt[] = [];
  /** ULTs that entered a run queue while arriving. */
  readonly uArrivals: ThreadRt[] = [];
  /** CPUs whose preemption interrupt arrived. */
  readonly kSignals: CpuRt[] = [];
  /** LWPs whose library preemption signal arrived. */
  readonly uSignals: LwpRt[] = [];
  /** Pool LWPs that began running without a ULT (an unparked LWP's switch ended). */
  readonly idleBegins: LwpRt[] = [];
  /** Pool LWPs freed off CPU (their thread ended with its io, or they were just created). */
  readonly freedPool: LwpRt[] = [];
  /** While set, a CPU that frees stays idle: the arrivals take the idle CPUs together. */
  holdCpus = false;
  /**
   * Thread events so far: what changes after the last one (an LWP switched in only to park,
   * housekeeping) is not part of the run (docs/reference/language.md §9). Counters count twice: in
   * `counters`, and in `tail` since the last thread event, which the end of a run subtracts.
   */
  epoch = 0;
  readonly tail: Counters = zeroCounters();
  tailDirty = false;
  /** Set by the explorer while a thread steps: what the steps touch is recorded there. */
  footprint: Footprint | null = null;
  /** Thread stepping when a slice paused in the middle of an instant. */
  stepping: ThreadRt | null = null;
  inInstant = false;
  /** Events allowed before the current slice pauses. */
  sliceEnd = Infinity;
  /** Units run (StepLimit.maxUnits), and the count at which the current slice pauses. */
  units = 0;
  unitEnd = Infinity;
  shouldStop: (() => boolean) | null = null;
  paused = false;
  budgetHit = false;
  /** Where the budget ran out. */
  budgetThread: ThreadRt | null = null;
  /** The model, keywords internalized (see intern.ts). */
  readonly model: Model;
  readonly options: SimulationOptions;

  constructor(parts: WorldParts) {
    const { model, options } = parts;
    this.model = model;
    this.options = options;
    this.rng = new Mulberry32(options.seed ?? model.seed);
    this.horizon = options.horizon ?? model.horizon;
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.quantum = model.policy === 'rr' || model.policy === 'priority' ? model.quantum : null;
    this.choose = options.choose ?? null;
    this.kq = parts.kq;
    this.kqLess = parts.kqLess;
    const rec = options.record;
    this.rec = rec && (rec.events || rec.spans) ? new Recorder(this, !!rec.events, !!rec.spans, rec.maxEvents) : null;
    this.hooks = parts.hooks;
    this.inversions = parts.inversions;
    this.prioritiesVary = parts.prioritiesVary;
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

  /** Gives a handled event back for reuse (handlers keep no reference to it). */
  recycle(ev: TimedEvent): void {
    this.freeEvents.push(ev);
  }

  /** Draws a duration (docs/reference/language.md §7), through the choice hook when a host drives the run. */
  draw(min: number, max: number, what?: string): number {
    if (min === max) return min;
    const v = this.rng.range(min, max);
    if (!this.choose) return v;
    const pick = this.choose({
      t: this.now,
      kind: 'range',
      count: max - min + 1,
      defaultPick: v - min,
      base: min,
      what,
    });
    return min + clampPick(pick, max - min + 1);
  }

  /**
   * Before a thread's statement: counts it, or says stop (the budget is spent: it is counted and
   * not run; the slice is over: it is neither, and runs when the run resumes). So a run in
   * slices counts exactly the events of the whole run.
   */
  beforeStatement(): boolean {
    if (this.eventCount + 1 >= this.maxEvents) {
      this.eventCount++;
      this.budgetHit = true;
      return false;
    }
    if (
      this.eventCount >= this.sliceEnd ||
      (((this.eventCount + 1) & 1023) === 0 && this.shouldStop !== null && this.shouldStop())
    ) {
      this.paused = true;
      return false;
    }
    this.eventCount++;
    return true;
  }

  /** Counts a timed event just handled; false when the budget or the slice says stop. */
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

  /** Counts `n` of a counter (docs/reference/cli.md `counters`). */
  count(key: keyof Counters, n = 1): void {
    this.counters[key] += n;
    this.tail[key] += n;
    this.tailDirty = true;
  }

  /** A thread's state changed, or it was created, ended or finished a timed statement. */
  threadEvent(): void {
    this.lastEventTime = this.now;
    this.epoch++;
    if (this.tailDirty) {
      const t = this.tail;
      for (const k in t) t[k as keyof Counters] = 0;
      this.tailDirty = false;
    }
  }

  /** Forgets the counts made so far as a tail (they are part of the run: the set-up). */
  startRun(): void {
    this.epoch++;
    for (const k in this.tail) this.tail[k as keyof Counters] = 0;
    this.tailDirty = false;
  }

  /** Records a sync object or join target touched by the steps under way (explorer). */
  touched(key: number): void {
    if (this.footprint !== null) this.footprint.keys.add(key);
  }

  /** The steps under way readied a thread, freed a CPU or an LWP, preempted or created (explorer). */
  dependent(): void {
    if (this.footprint !== null) this.footprint.dependent = true;
  }

  /** Marks a thread on a CPU as able to take zero-time steps at this instant. */
  pushStep(th: ThreadRt): void {
    if (!th.inStep) {
      th.inStep = true;
      this.steps.push(th.id);
    }
  }
}

/** Every counter at zero: a run before its first event. */
export function zeroCounters(): Counters {
  return {
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
}

/** A host's pick, or the first alternative when it is not one of them. */
export function clampPick(pick: number, count: number): number {
  return Number.isInteger(pick) && pick >= 0 && pick < count ? pick : 0;
}
