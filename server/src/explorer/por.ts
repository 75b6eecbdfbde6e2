/**
 * Partial-order reduction for the `order` choices (docs/reference/language.md §7): which thread takes its
 * zero-time steps first when several can at one instant.
 *
 * Two steps are independent only when running them in either order reaches the same state: they
 * touch no common mutex, condvar, semaphore, join target or LWP, and neither readies a thread,
 * frees a CPU or an LWP, preempts, creates or spawns (the simulator records this footprint while
 * the explorer watches a step). The search uses
 * - an ample set of one: a stepper whose steps only start a `compute` (they touch nothing and
 *   free nothing, whatever the others do) is run first, alone: every order of the others after
 *   it is the same as before it;
 * - sleep sets otherwise: after the subtree of a stepper is searched, the later siblings do not
 *   run it again first while they stay independent of it.
 */
import type { Footprint, World } from '../simulator/world';
import type { ThreadRt } from '../simulator/entities';
import { nextStmt, type ProgramCounter } from '../simulator/program';
import type { Stmt } from '../language/model';

/** True when the two steps commute (docs/reference/language.md §7's independence, from their footprints). */
export function independent(a: Footprint, b: Footprint): boolean {
  if (a.dependent || b.dependent) return false;
  const [small, large] = a.keys.size <= b.keys.size ? [a.keys, b.keys] : [b.keys, a.keys];
  for (const k of small) if (large.has(k)) return false;
  return true;
}

/** Merges `b` into `a` (the footprint of a stepper over all its in-unit choices). */
export function mergeFootprint(a: Footprint, b: Footprint): void {
  if (b.dependent) a.dependent = true;
  for (const k of b.keys) a.keys.add(k);
}

/** The statement a thread will run next, without moving its program counter. */
function peek(th: ThreadRt): Stmt | null {
  const pc: ProgramCounter = { body: th.body, pc: th.pc, left: th.left, outer: [...th.outer] };
  return nextStmt(pc);
}

/**
 * True when the thread's next steps only start (or go on with) a `compute` that takes time:
 * nothing is touched, nothing freed, and no pending preemption or quantum can take its CPU.
 */
export function startsComputeOnly(th: ThreadRt): boolean {
  const l = th.lwp;
  if (l === null || l.preempt || l.qExpired || l.ultPreempt || th.corruptedBy !== null) return false;
  if (th.cur !== null) return th.cur.op === 'compute' && th.rem > 0 && th.spawnQueue === null;
  const s = peek(th);
  return s !== null && s.op === 'compute' && s.duration.min > 0;
}

/** The steppers whose order is chosen next (as the engine offers them), by thread id. */
export function steppers(w: World): number[] {
  return w.steps
    .values()
    .filter((id) => {
      const th = w.threads[id];
      const l = th.lwp;
      return th.end === null && l !== null && l.thread === th && l.state === 'cpu' && l.phase === 'step';
    })
    .sort((a, b) => a - b);
}

/** True when the world's next unit starts with an `order` choice (several threads can step now). */
export function nextIsOrderChoice(w: World): boolean {
  if (!w.inInstant || w.arriving || w.stepping !== null) return false;
  const next = w.heap.peek();
  if (next !== undefined && next.t === w.now) return false;
  return steppers(w).length >= 2;
}
