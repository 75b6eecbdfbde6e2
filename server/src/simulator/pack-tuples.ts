/**
 * Span styles and event shapes as short arrays of numbers, strings by their index in a shared
 * table (pack.ts stores each distinct tuple once). Decoding checks every index and type.
 */
import type { EventKind, Span, SpanState, TraceEvent } from './trace';

/** A span's content without its lane and interval. */
export type Style = Omit<Span, 'lane' | 'start' | 'end'>;
/** An event without its instant, cause and range. */
export type Shape = Omit<TraceEvent, 't' | 'cause' | 'range'>;

/** The optional fields of a style, by code (their index), and whether each holds a string. */
const FIELDS = [
  ['thread', 's'],
  ['cpu', 'n'],
  ['priority', 'n'],
  ['reason', 's'],
  ['lwp', 'n'],
  ['process', 's'],
  ['owner', 's'],
  ['waiting', 'n'],
  ['lift', 's'],
  ['from', 's'],
  ['waiters', 'l'],
] as const;

/** Interns values by a key: the index of each distinct value. */
export class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  add(v: T, key: string = JSON.stringify(v)): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(key, i);
    }
    return i;
  }
}

/** Strings interned as indices. */
export class Strings extends Table<string> {
  override add(s: string): number {
    return super.add(s, s);
  }
  /** -1 for null or undefined. */
  opt(s: string | null | undefined): number {
    return s === null || s === undefined ? -1 : this.add(s);
  }
}

/**
 * Distinct number tuples, each stored once: a tuple written into a reused scratch array is found
 * by a hash and compared, and copied only when new (no allocation per span or event).
 */
export class TupleTable {
  readonly values: number[][] = [];
  private readonly buckets = new Map<number, number[]>();

  /** The index of the tuple scratch[0..n). */
  add(scratch: readonly number[], n: number): number {
    let h = n;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ scratch[i], 0x9e3779b1) ^ (h >>> 15);
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const idx of bucket) {
        const t = this.values[idx];
        if (t.length !== n) continue;
        let same = true;
        for (let i = 0; i < n && same; i++) same = t[i] === scratch[i];
        if (same) return idx;
      }
    } else this.buckets.set(h, (bucket = []));
    const idx = this.values.length;
    this.values.push(scratch.slice(0, n));
    bucket.push(idx);
    return idx;
  }
}

/** Writes a style as [state, code, value, code, value, …] into `out`; returns its length. */
export function encodeStyle(s: Style, strings: Strings, out: number[]): number {
  let n = 0;
  out[n++] = strings.add(s.state);
  for (let code = 0; code < FIELDS.length; code++) {
    const [name, type] = FIELDS[code];
    const v = s[name];
    if (v === undefined) continue;
    out[n++] = code;
    out[n++] =
      type === 's' ? strings.add(v as string) : type === 'l' ? strings.add((v as string[]).join('\n')) : (v as number);
  }
  return n;
}

/** Writes an event shape as [kind, process, thread, lwp, cpu, mutex, range, detail] (-1: null or absent) into `out`. */
export function encodeShape(e: Shape, range: number, strings: Strings, out: number[]): number {
  out[0] = strings.add(e.kind);
  out[1] = strings.opt(e.process);
  out[2] = strings.opt(e.thread);
  out[3] = e.lwp ?? -1;
  out[4] = e.cpu ?? -1;
  out[5] = strings.opt(e.mutex);
  out[6] = range;
  out[7] = strings.opt(e.detail);
  return 8;
}

/** Decoding: the check that fails throws with what is wrong. */
export type Need = (ok: boolean, what: string) => void;

function str(strings: readonly string[], i: unknown, need: Need): string {
  need(
    typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < strings.length,
    `string ${String(i)} out of range`,
  );
  return strings[i as number];
}

function optStr(strings: readonly string[], i: unknown, need: Need): string | null {
  return i === -1 ? null : str(strings, i, need);
}

function num(v: unknown, need: Need): number {
  need(typeof v === 'number' && Number.isFinite(v), 'not a number');
  return v as number;
}

export function decodeStyle(t: unknown, strings: readonly string[], need: Need): Style {
  need(Array.isArray(t) && t.length % 2 === 1, 'malformed style');
  const a = t as unknown[];
  const style: Record<string, unknown> = { state: str(strings, a[0], need) as SpanState };
  for (let k = 1; k < a.length; k += 2) {
    const field = FIELDS[a[k] as number];
    need(field !== undefined, 'unknown style field');
    const [name, type] = field;
    style[name] =
      type === 's'
        ? str(strings, a[k + 1], need)
        : type === 'l'
          ? str(strings, a[k + 1], need).split('\n')
          : num(a[k + 1], need);
  }
  return style as unknown as Style;
}

export function decodeShape(t: unknown, strings: readonly string[], need: Need): Shape & { range: number } {
  need(Array.isArray(t) && t.length === 8, 'malformed event shape');
  const a = t as unknown[];
  const shape: Shape & { range: number } = {
    kind: str(strings, a[0], need) as EventKind,
    process: optStr(strings, a[1], need),
    thread: optStr(strings, a[2], need),
    lwp: a[3] === -1 ? null : num(a[3], need),
    cpu: a[4] === -1 ? null : num(a[4], need),
    mutex: optStr(strings, a[5], need),
    range: num(a[6], need),
  };
  if (a[7] !== -1) shape.detail = str(strings, a[7], need);
  return shape;
}
