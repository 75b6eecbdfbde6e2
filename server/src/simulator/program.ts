/**
 * The program counter of a thread: a stack of frames, `repeat` kept as a loop (never
 * unrolled). Bodies that execute nothing are skipped so that `repeat N {}` costs nothing.
 */
import type { Stmt } from '../language/model';

const emptyCache = new WeakMap<Stmt[], boolean>();
const computeCache = new WeakMap<Stmt[], number>();

/** True when running the body executes no statement at all. */
export function isEmptyBody(body: Stmt[]): boolean {
  let v = emptyCache.get(body);
  if (v === undefined) {
    v = body.every((s) => s.op === 'repeat' && (s.count === 0 || isEmptyBody(s.body)));
    emptyCache.set(body, v);
  }
  return v;
}

const OPS: Record<string, Stmt['op']> = {
  compute: 'compute',
  io: 'io',
  sleep: 'sleep',
  yield: 'yield',
  exit: 'exit',
  lock: 'lock',
  unlock: 'unlock',
  wait: 'wait',
  signal: 'signal',
  broadcast: 'broadcast',
  sem_wait: 'sem_wait',
  sem_post: 'sem_post',
  spawn: 'spawn',
  join: 'join',
  set_concurrency: 'set_concurrency',
  stack_use: 'stack_use',
  repeat: 'repeat',
};

/** Normalized statements and bodies of one run, found by hashes of their contents. */
export class StmtCache {
  /**
   * Statements by a hash of their range's coordinates (the elements of a thread array share
   * their statements' ranges), then by a hash of their operands. Ranges are compared by value,
   * so a Model that went through JSON shares its statements as the original does.
   */
  readonly byRange = new Map<number, Map<number, Stmt[]>>();
  /** A serial number for each normalized statement, and bodies by a hash of their statements' serials. */
  readonly serial = new Map<Stmt, number>();
  readonly bodies = new Map<number, Stmt[][]>();
}

/**
 * A copy of a body whose statements all share one object shape, so the engine's accesses to
 * them stay monomorphic (the Model's statements have one shape per kind). Identical
 * statements and bodies (same operation, operands and range) are shared between threads
 * through `cache`, which keeps the engine's working set small with many threads.
 */
export function normalizeBody(body: Stmt[], cache: StmtCache = new StmtCache()): Stmt[] {
  const stmts: Stmt[] = [];
  let h = body.length;
  for (const s of body) {
    const n = normalizeStmt(s, cache);
    stmts.push(n);
    h = (Math.imul(h, 31) + (cache.serial.get(n) as number)) | 0;
  }
  let list = cache.bodies.get(h);
  if (list === undefined) cache.bodies.set(h, (list = []));
  for (const b of list) if (b.length === stmts.length && b.every((x, k) => x === stmts[k])) return b;
  list.push(stmts);
  return stmts;
}

/** The fields of a statement of any kind, read once. */
interface Operands {
  duration: { min: number; max: number } | null;
  mutex: number;
  condvar: number;
  semaphore: number;
  threads: number[] | null;
  level: number;
  bytes: number;
  count: number;
}

// Statements are found by their range object and a numeric hash of their operands, then
// compared field by field: no key strings to build and hash, which with a thousand threads made
// this the largest part of setting up a run.
function normalizeStmt(s: Stmt, cache: StmtCache): Stmt {
  const any = s as unknown as Record<string, unknown>;
  const body = s.op === 'repeat' ? normalizeBody(s.body, cache) : null;
  const o: Operands = {
    duration: (any.duration as Operands['duration'] | undefined) ?? null,
    mutex: (any.mutex as number | undefined) ?? -1,
    condvar: (any.condvar as number | undefined) ?? -1,
    semaphore: (any.semaphore as number | undefined) ?? -1,
    threads: (any.threads as number[] | undefined) ?? null,
    level: (any.level as number | undefined) ?? 0,
    bytes: (any.bytes as number | undefined) ?? 0,
    count: (any.count as number | undefined) ?? 0,
  };
  const op = OPS[s.op] ?? s.op;
  const r = s.range;
  const rh =
    (Math.imul(Math.imul(r.start.line, 31) + r.start.character, 961) + Math.imul(r.end.line, 31) + r.end.character) | 0;
  let byHash = cache.byRange.get(rh);
  if (byHash === undefined) cache.byRange.set(rh, (byHash = new Map()));
  const d = o.duration;
  let h = Math.imul(o.mutex + 1, 1000003) + Math.imul(o.condvar + 1, 10007) + Math.imul(o.semaphore + 1, 101);
  h =
    (h +
      Math.imul(o.count, 7) +
      Math.imul(o.level, 3) +
      o.bytes +
      (d ? Math.imul(d.min, 13) + Math.imul(d.max, 17) : 0)) |
    0;
  let list = byHash.get(h);
  if (list === undefined) byHash.set(h, (list = []));
  for (const n of list) if (sameRange(n.range, r) && sameStmt(n, op, o, body)) return n;
  const n = {
    // The canonical literal: comparisons with an internalized string are pointer compares.
    op,
    range: s.range,
    duration: o.duration,
    mutex: o.mutex,
    condvar: o.condvar,
    semaphore: o.semaphore,
    threads: o.threads,
    level: o.level,
    bytes: o.bytes,
    count: o.count,
    body,
  } as unknown as Stmt;
  list.push(n);
  cache.serial.set(n, cache.serial.size);
  return n;
}

function sameRange(a: Stmt['range'], b: Stmt['range']): boolean {
  return (
    a === b ||
    (a.start.line === b.start.line &&
      a.start.character === b.start.character &&
      a.end.line === b.end.line &&
      a.end.character === b.end.character)
  );
}

function sameStmt(n: Stmt, op: string, o: Operands, body: Stmt[] | null): boolean {
  const x = n as unknown as Operands & { op: string; body: Stmt[] | null };
  if (x.op !== op || x.body !== body) return false;
  if (x.mutex !== o.mutex || x.condvar !== o.condvar || x.semaphore !== o.semaphore) return false;
  if (x.level !== o.level || x.bytes !== o.bytes || x.count !== o.count) return false;
  const d = x.duration;
  if (d === null || o.duration === null ? d !== o.duration : d.min !== o.duration.min || d.max !== o.duration.max)
    return false;
  const t = x.threads;
  if (t === null || o.threads === null) return t === o.threads;
  return t.length === o.threads.length && t.every((v, k) => v === (o.threads as number[])[k]);
}

/** One level of the program counter: a body and the iterations of it still to run. */
export interface Frame {
  body: Stmt[];
  pc: number;
  /** Iterations left after the current one (repeat). */
  left: number;
}

/**
 * A program counter: the innermost frame inline (the fields read on every statement live in
 * the thread object itself), the enclosing `repeat` frames on a stack.
 */
export interface ProgramCounter {
  body: Stmt[];
  pc: number;
  /** Iterations of `body` left after the current one. */
  left: number;
  /** Enclosing frames, innermost last. */
  outer: Frame[];
}

/** Advances to the next statement to execute (never a `repeat`), or null at the end. */
export function nextStmt(p: ProgramCounter): Stmt | null {
  for (;;) {
    const body = p.body;
    if (p.pc < body.length) {
      const s = body[p.pc++];
      if (s.op !== 'repeat') return s;
      if (s.count > 0 && !isEmptyBody(s.body)) {
        p.outer.push({ body, pc: p.pc, left: p.left });
        p.body = s.body;
        p.pc = 0;
        p.left = s.count - 1;
      }
      continue;
    }
    if (p.left > 0) {
      p.left--;
      p.pc = 0;
      continue;
    }
    const f = p.outer.pop();
    if (f === undefined) {
      p.pc = body.length;
      return null;
    }
    p.body = f.body;
    p.pc = f.pc;
    p.left = f.left;
  }
}

function frameHasMore(body: Stmt[], pc: number, left: number): boolean {
  if (left > 0) return true;
  for (let k = pc; k < body.length; k++) {
    const s = body[k];
    if (s.op !== 'repeat' || (s.count > 0 && !isEmptyBody(s.body))) return true;
  }
  return false;
}

/** True when some statement remains to execute. */
export function hasMore(p: ProgramCounter): boolean {
  if (frameHasMore(p.body, p.pc, p.left)) return true;
  for (let i = p.outer.length - 1; i >= 0; i--) {
    const f = p.outer[i];
    if (frameHasMore(f.body, f.pc, f.left)) return true;
  }
  return false;
}

function bodyCompute(body: Stmt[]): number {
  let v = computeCache.get(body);
  if (v === undefined) {
    v = 0;
    for (const s of body) {
      if (s.op === 'compute') v += s.duration.min;
      else if (s.op === 'repeat') v += s.count * bodyCompute(s.body);
    }
    computeCache.set(body, v);
  }
  return v;
}

function frameCompute(body: Stmt[], pc: number, left: number): number {
  let sum = left * bodyCompute(body);
  for (let k = pc; k < body.length; k++) {
    const s = body[k];
    if (s.op === 'compute') sum += s.duration.min;
    else if (s.op === 'repeat') sum += s.count * bodyCompute(s.body);
  }
  return sum;
}

/** The sum of the remaining compute statements, ranges at their minimum (sjf, docs/reference/language.md §5.5). */
export function remainingCompute(p: ProgramCounter): number {
  let sum = frameCompute(p.body, p.pc, p.left);
  for (const f of p.outer) sum += frameCompute(f.body, f.pc, f.left);
  return sum;
}
