/**
 * The set of visited states: 64-bit fingerprints in an open-addressing table of two typed arrays
 * (hash compaction, as SPIN's -DHC: a state is stored as its fingerprint, not in full). The
 * table grows by doubling while it fits the memory it was given; when it cannot grow, `add`
 * reports it and the search stops, incomplete.
 */

/** Fingerprints kept at most per slot before the table doubles. */
const LOAD = 0.7;

export class VisitedSet {
  private hi: Int32Array;
  private lo: Int32Array;
  private used: Uint8Array;
  private mask: number;
  /** States stored. */
  size = 0;

  /** `maxBytes`: the most the table may take. */
  constructor(private readonly maxBytes: number) {
    const slots = 1 << 12;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.used = new Uint8Array(slots);
    this.mask = slots - 1;
  }

  /** Bytes the table takes now. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.used.byteLength;
  }

  /** Bytes per state stored (the table's, at its current load). */
  get bytesPerState(): number {
    return this.size === 0 ? 0 : this.bytes / this.size;
  }

  has(hi: number, lo: number): boolean {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }

  /** Adds a fingerprint: 'added', 'present', or 'full' (the memory bound is reached). */
  add(hi: number, lo: number): 'added' | 'present' | 'full' {
    if ((this.size + 1) / (this.mask + 1) > LOAD && !this.grow()) return 'full';
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return 'present';
      i = (i + 1) & this.mask;
    }
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.size++;
    return 'added';
  }

  private grow(): boolean {
    const slots = (this.mask + 1) * 2;
    if (slots * 9 > this.maxBytes) return false;
    const { hi, lo, used } = this;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.used = new Uint8Array(slots);
    this.mask = slots - 1;
    for (let k = 0; k < used.length; k++) {
      if (used[k] === 0) continue;
      let i = (lo[k] ^ Math.imul(hi[k], 0x9e3779b1)) & this.mask;
      while (this.used[i] !== 0) i = (i + 1) & this.mask;
      this.used[i] = 1;
      this.hi[i] = hi[k];
      this.lo[i] = lo[k];
    }
    return true;
  }
}
