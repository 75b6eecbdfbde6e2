/**
 * Scheduling domains (docs/reference/language.md §5.2–§5.5): where a thread competes, and with whom.
 *
 * Kernel level: KLTs compete for CPUs by kernel priority (a bound or one_to_one thread's LWP
 * runs at the thread's priority, a pool LWP at its process's priority), a pinned KLT only on
 * its CPU. Library level: the unbound threads of one process compete for its LWP pool by ULT
 * priority.
 */
import type { Model, ProcessModel, ThreadSpec } from '../language/model';
import { processUses } from './walk';

/** A thread with its process, as the domain rules see it. */
export interface Runner {
  proc: ProcessModel;
  thread: ThreadSpec;
}

/** True when the thread runs on an LWP of its process's pool (not bound, not one_to_one). */
export function isUnbound(r: Runner): boolean {
  return r.proc.model !== 'one_to_one' && !r.thread.bound;
}

/** Kernel priority of the thread's KLT (without any boost). */
export function kernelPriority(r: Runner): number {
  return isUnbound(r) ? r.proc.priority : r.thread.priority;
}

/** CPUs the thread's KLT may use. */
export function cpusOf(r: Runner, cpus: number): number[] {
  if (!isUnbound(r) && r.thread.pin !== null) return [r.thread.pin];
  return Array.from({ length: cpus }, (_, i) => i);
}

/**
 * LWPs the pool can hold: 1 under many_to_one; under many_to_many the largest of `lwps`,
 * `concurrency` and every `set_concurrency` level (SIGWAITING growth and aging are left out:
 * they depend on the run).
 */
export function poolCapacity(proc: ProcessModel): number {
  if (proc.model === 'one_to_one') return 0;
  if (proc.model === 'many_to_one') return 1;
  return Math.max(proc.lwps, proc.concurrency, processUses(proc).maxSetConcurrency, 1);
}

/** Every thread of the scenario, processes then threads in declaration order. */
export function allRunners(model: Model): Runner[] {
  return model.processes.flatMap((proc) => proc.threads.map((thread) => ({ proc, thread })));
}

export function sameRunner(a: Runner, b: Runner): boolean {
  return a.proc.index === b.proc.index && a.thread.index === b.thread.index;
}

/**
 * Whether the KLTs that outrank kernel priority `k` (all but `except`) can occupy every CPU of
 * `cpus` at once: pinned ones cover their own CPU, unpinned ones any CPU, and a pool brings at
 * most as many KLTs as it has LWPs and unbound threads.
 */
export function canOccupyCpus(
  runners: Runner[],
  pools: Map<number, number>,
  k: number,
  cpus: number[],
  cpuCount: number,
  except: Runner[],
): boolean {
  const covered = new Set<number>();
  let free = 0;
  const poolThreads = new Map<number, number>();
  for (const r of runners) {
    if (except.some((x) => sameRunner(x, r)) || kernelPriority(r) <= k) continue;
    if (isUnbound(r)) {
      poolThreads.set(r.proc.index, (poolThreads.get(r.proc.index) ?? 0) + 1);
      continue;
    }
    // A pinned KLT covers its own CPU only (`cpusOf` without building the list: this loop runs
    // for every thread of the scenario, once per question).
    const pin = r.thread.pin;
    if (pin !== null && cpuCount > 1) {
      if (cpus.includes(pin)) covered.add(pin);
    } else free++;
  }
  for (const [p, n] of poolThreads) free += Math.min(n, pools.get(p) ?? 0);
  return covered.size + free >= cpus.length;
}

/** Whether the unbound threads of the pool above priority `p` (all but `except`) can occupy every LWP. */
export function canOccupyPool(proc: ProcessModel, capacity: number, p: number, except: Runner[]): boolean {
  let above = 0;
  for (const thread of proc.threads) {
    const r = { proc, thread };
    if (isUnbound(r) && thread.priority > p && !except.some((x) => sameRunner(x, r))) above++;
  }
  return above >= capacity;
}
