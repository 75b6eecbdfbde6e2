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

/** The first frame of a thread's body. */
export function initialFrames(body: Stmt[]): Frame[] {
  return [{ body, pc: 0, left: 0 }];
}

/** Advances to the next statement to execute (never a `repeat`), or null at the end. */
export function nextStmt(frames: Frame[]): Stmt | null {
  for (;;) {
    const top = frames[frames.length - 1];
    if (top === undefined) return null;
    if (top.pc < top.body.length) {
      const s = top.body[top.pc++];
      if (s.op !== 'repeat') return s;
      if (s.count > 0 && !isEmptyBody(s.body)) frames.push({ body: s.body, pc: 0, left: s.count - 1 });
      continue;
    }
    if (top.left > 0) {
      top.left--;
      top.pc = 0;
      continue;
    }
    frames.pop();
  }
}

/** True when some statement remains to execute. */
export function hasMore(frames: Frame[]): boolean {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.left > 0) return true;
    for (let k = f.pc; k < f.body.length; k++) {
      const s = f.body[k];
      if (s.op !== 'repeat' || (s.count > 0 && !isEmptyBody(s.body))) return true;
    }
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

/** The sum of the remaining compute statements, ranges at their minimum (sjf, LANGUAGE.md §5.5). */
export function remainingCompute(frames: Frame[]): number {
  let sum = 0;
  for (const f of frames) {
    for (let k = f.pc; k < f.body.length; k++) {
      const s = f.body[k];
      if (s.op === 'compute') sum += s.duration.min;
      else if (s.op === 'repeat') sum += s.count * bodyCompute(s.body);
    }
    sum += f.left * bodyCompute(f.body);
  }
  return sum;
}
