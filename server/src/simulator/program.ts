/**
 * The program counter of a thread: a stack of frames, `repeat` kept as a loop (never
 * unrolled). Bodies that execute nothing are skipped so that `repeat N {}` costs nothing.
 */
import type { Stmt } from '../language/model';
import type { Frame } from './entities';

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

/**
 * A copy of a body whose statements all share one object shape, so the engine's accesses to
 * them stay monomorphic (the Model's statements have one shape per kind). Identical
 * statements and bodies (same operation, operands and range) are shared between threads
 * through `cache`, which keeps the engine's working set small with many threads.
 */
export function normalizeBody(body: Stmt[], cache: Map<string, unknown> = new Map()): Stmt[] {
  return normalizeKeyed(body, cache).body;
}

function normalizeKeyed(body: Stmt[], cache: Map<string, unknown>): { body: Stmt[]; key: string } {
  const stmts: Stmt[] = [];
  const keys: string[] = [];
  for (const s of body) {
    const any = s as unknown as Record<string, unknown>;
    const inner = s.op === 'repeat' ? normalizeKeyed(s.body, cache) : null;
    const r = s.range;
    const d = any.duration as { min: number; max: number } | undefined;
    const threads = any.threads as number[] | undefined;
    const key = [
      s.op,
      r.start.line,
      r.start.character,
      r.end.line,
      r.end.character,
      d ? `${d.min}..${d.max}` : '',
      any.mutex ?? '',
      any.condvar ?? '',
      any.semaphore ?? '',
      threads ? threads.join(',') : '',
      any.level ?? '',
      any.bytes ?? '',
      any.count ?? '',
      inner ? `{${inner.key}}` : '',
    ].join('|');
    let n = cache.get(key) as Stmt | undefined;
    if (n === undefined) {
      n = {
        // The canonical literal: comparisons with an internalized string are pointer compares.
        op: OPS[s.op] ?? s.op,
        range: s.range,
        duration: d ?? null,
        mutex: any.mutex ?? -1,
        condvar: any.condvar ?? -1,
        semaphore: any.semaphore ?? -1,
        threads: threads ?? null,
        level: any.level ?? 0,
        bytes: any.bytes ?? 0,
        count: any.count ?? 0,
        body: inner ? inner.body : null,
      } as unknown as Stmt;
      cache.set(key, n);
    }
    stmts.push(n);
    keys.push(key);
  }
  const key = keys.join(';');
  const shared = cache.get(`body:${key}`) as Stmt[] | undefined;
  if (shared !== undefined) return { body: shared, key };
  cache.set(`body:${key}`, stmts);
  return { body: stmts, key };
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

/** The sum of the remaining compute statements, ranges at their minimum (sjf, LANGUAGE.md §5.5). */
export function remainingCompute(p: ProgramCounter): number {
  let sum = frameCompute(p.body, p.pc, p.left);
  for (const f of p.outer) sum += frameCompute(f.body, f.pc, f.left);
  return sum;
}
