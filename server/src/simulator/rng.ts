/** mulberry32: the deterministic source of duration draws (docs/reference/language.md §7). */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator's state (snapshots). */
  get seedState(): number {
    return this.state;
  }

  set seedState(s: number) {
    this.state = s >>> 0;
  }

  /** The next draw u in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `a + floor(u · (b − a + 1))` for an inclusive range a..b. */
  range(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
}
