/**
 * Binary min-heaps used by the engine: a heap of timed events ordered by (time, phase, order,
 * sequence), and an indexed heap whose items know their slot, so their keys can change.
 */

/** A timed event. `gen` lets the owner invalidate it without searching the heap. */
export interface TimedEvent {
  t: number;
  /** 0 timed completions, 1 signals and interrupts, 2 creations, 3 housekeeping (docs/reference/language.md §5.5). */
  phase: number;
  /** Declaration order of what it concerns. */
  ord: number;
  seq: number;
  kind: number;
  /** Index of the thread, LWP, CPU or process concerned. */
  target: number;
  gen: number;
  /** False for housekeeping (the reaper, LWP aging) and a spinner's quantum: they do not keep a run alive. */
  progress: boolean;
}

function before(a: TimedEvent, b: TimedEvent): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ord !== b.ord) return a.ord < b.ord;
  return a.seq < b.seq;
}

/** The event queue: no per-tick loop, the engine jumps from one instant to the next. */
export class EventHeap {
  private items: TimedEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Calls `f` on every pending event, in no particular order (it must not change them). */
  forEach(f: (e: TimedEvent) => void): void {
    for (const e of this.items) f(e);
  }

  /** Copies of the pending events (their order does not matter: the order of events is total). */
  copies(): TimedEvent[] {
    return this.items.map((e) => ({ ...e }));
  }

  /**
   * Replaces the pending events by copies of `events`, reusing the objects it holds (restoring a
   * snapshot allocates nothing then). A sorted array is a heap.
   */
  reset(events: readonly TimedEvent[]): void {
    const a = this.items;
    const n = events.length;
    for (let i = 0; i < n; i++) {
      const e = events[i];
      const x = a[i];
      if (x === undefined) a.push({ ...e });
      else {
        x.t = e.t;
        x.phase = e.phase;
        x.ord = e.ord;
        x.seq = e.seq;
        x.kind = e.kind;
        x.target = e.target;
        x.gen = e.gen;
        x.progress = e.progress;
      }
    }
    a.length = n;
    a.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
  }

  peek(): TimedEvent | undefined {
    return this.items[0];
  }

  push(e: TimedEvent): void {
    const a = this.items;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, a[p])) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }

  pop(): TimedEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      let i = 0;
      const n = a.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(a[r], a[l]) ? r : l;
        if (!before(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** An item of an IndexedHeap: `heapIndex` is -1 when it is not in a heap. */
export interface HeapItem {
  heapIndex: number;
}

/** A min-heap whose items can be removed or re-keyed in O(log n). */
export class IndexedHeap<T extends HeapItem> implements ReadyQueue<T> {
  readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    for (const x of this.items) x.heapIndex = -1;
    this.items.length = 0;
  }

  has(x: T): boolean {
    return x.heapIndex >= 0 && this.items[x.heapIndex] === x;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    x.heapIndex = this.items.length;
    this.items.push(x);
    this.up(x.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top) this.remove(top);
    return top;
  }

  remove(x: T): void {
    const i = x.heapIndex;
    if (i < 0 || this.items[i] !== x) return;
    const last = this.items.pop() as T;
    x.heapIndex = -1;
    if (i < this.items.length) {
      this.items[i] = last;
      last.heapIndex = i;
      this.down(i);
      this.up(last.heapIndex);
    }
  }

  /** Restores the order after x's key changed. */
  update(x: T): void {
    if (!this.has(x)) return;
    this.up(x.heapIndex);
    this.down(x.heapIndex);
  }

  private up(i: number): void {
    const a = this.items;
    const x = a[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(x, a[p])) break;
      a[i] = a[p];
      a[i].heapIndex = i;
      i = p;
    }
    a[i] = x;
    x.heapIndex = i;
  }

  private down(i: number): void {
    const a = this.items;
    const n = a.length;
    const x = a[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(a[r], a[l]) ? r : l;
      if (!this.less(a[c], x)) break;
      a[i] = a[c];
      a[i].heapIndex = i;
      i = c;
    }
    a[i] = x;
    x.heapIndex = i;
  }
}

/** A min-heap of small integers (declaration orders of threads that can step). */
export class IntHeap {
  private a: number[] = [];

  get size(): number {
    return this.a.length;
  }

  push(v: number): void {
    const a = this.a;
    let i = a.length;
    a.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      const n = a.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && a[r] < a[l] ? r : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }

  /** A copy of the values, in no particular order. */
  values(): number[] {
    return [...this.a];
  }

  /** Replaces the values. */
  reset(values: readonly number[]): void {
    this.a = [];
    for (const v of values) this.push(v);
  }

  /** Every value, in no particular order (for choice points). */
  drain(): number[] {
    const out = this.a;
    this.a = [];
    return out;
  }
}

/** The operations the engine needs of its kernel ready queue. */
export interface ReadyQueue<T extends HeapItem> {
  readonly items: readonly T[];
  readonly size: number;
  has(x: T): boolean;
  peek(): T | undefined;
  push(x: T): void;
  pop(): T | undefined;
  remove(x: T): void;
  update(x: T): void;
  /** Empties the queue (its items are marked out of it). */
  clear(): void;
}

/**
 * A ready queue kept as an array sorted by `less`, for orders in which a new item almost always
 * goes at or near the end: the kernel's, when every priority is the same and the key is the
 * instant of readiness (ties: declaration order). Insertion scans back from the end; the head
 * is taken by moving a start index. Unlike a heap, taking the head reads no other item, which
 * matters with a thousand LWPs ready at once. `heapIndex` is only a membership mark here (0 in
 * the queue, -1 not).
 */
export class SortedQueue<T extends HeapItem> implements ReadyQueue<T> {
  private a: (T | undefined)[] = [];
  /** Index of the head in `a`; the slots before it are free. */
  private start = 0;

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  /** The queued items in order (compacts the array first). */
  get items(): readonly T[] {
    this.compact();
    return this.a as T[];
  }

  get size(): number {
    return this.a.length - this.start;
  }

  clear(): void {
    for (const x of this.items) x.heapIndex = -1;
    this.a = [];
    this.start = 0;
  }

  has(x: T): boolean {
    return x.heapIndex >= 0;
  }

  peek(): T | undefined {
    return this.a[this.start];
  }

  push(x: T): void {
    const a = this.a;
    const start = this.start;
    let j = a.length;
    while (j > start && this.less(x, a[j - 1] as T)) j--;
    if (j === a.length) a.push(x);
    else if (j === start && start > 0) a[--this.start] = x;
    else a.splice(j, 0, x);
    x.heapIndex = 0;
  }

  pop(): T | undefined {
    const top = this.a[this.start];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(x: T): void {
    if (x.heapIndex < 0) return;
    const a = this.a;
    if (a[this.start] === x) {
      a[this.start++] = undefined;
      if (this.start === a.length) {
        a.length = 0;
        this.start = 0;
      } else if (this.start >= 1024 && this.start * 2 >= a.length) {
        this.compact();
      }
    } else {
      const i = a.indexOf(x, this.start);
      if (i < 0) return;
      a.splice(i, 1);
    }
    x.heapIndex = -1;
  }

  update(x: T): void {
    if (x.heapIndex < 0) return;
    this.remove(x);
    this.push(x);
  }

  private compact(): void {
    if (this.start > 0) {
      this.a.splice(0, this.start);
      this.start = 0;
    }
  }
}
