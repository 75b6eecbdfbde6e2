/**
 * `inversion-risk`: a mutex whose users L < H share a scheduling domain with a thread M of
 * priority strictly between them that can run while L is ready, where the deciding scheduler
 * does not see what a protocol gives L (docs/reference/language.md §8–§9).
 *
 * Library level (L unbound): an unbound M of L's process between L's effective priority (its
 * own, raised by `inherit` or a `ceiling`) and H's, and enough unbound threads of that process
 * above L (H aside, as it waits) to occupy every LWP of the pool. A protocol cures it.
 * Kernel level (`policy priority` only; fifo, rr and sjf ignore priorities): an M whose KLT
 * priority lies strictly between L's KLT priority and H's priority and may use one of L's CPUs,
 * and enough KLTs above L's to occupy every CPU L may use. A bound or one_to_one L's KLT runs at
 * its effective priority, so a protocol cures it; an unbound L's pool LWP stays at the process's
 * priority whatever the protocol (the visibility problem): only making L bound cures it.
 * One finding per declaration, on its name.
 */
import type { Model, MutexModel, ProcessModel } from '../language/model';
import {
  allRunners,
  canOccupyCpus,
  canOccupyPool,
  cpusOf,
  isUnbound,
  kernelPriority,
  poolCapacity,
  type Runner,
} from './domains';
import type { Finding } from './findings';
import { processUses } from './walk';

interface Triple {
  low: Runner;
  high: Runner;
  mid: Runner;
  where: string;
  level: 'library' | 'kernel';
  /** L's KLT priority (kernel level). */
  lowKernel: number;
}

/** `inversion-risk` findings of the whole scenario. */
export function inversionFindings(model: Model): Finding[] {
  const ctx = inversionContext(model);
  const findings: Finding[] = [];
  for (const proc of model.processes) findings.push(...processInversions(ctx, proc));
  return findings;
}

/** What the inversion findings of every process share: the scenario's threads and pools. */
export function inversionContext(model: Model): InversionContext {
  return {
    model,
    runners: allRunners(model),
    pools: new Map(model.processes.map((p) => [p.index, poolCapacity(p)] as [number, number])),
    memo: new Map(),
  };
}

/**
 * Everything the findings of one process read outside that process: the CPUs, the policy, and
 * how every thread is scheduled (process model, priority and pool; thread name, priority,
 * binding and pin). A process's findings are the same while this and the process itself are.
 */
export function schedulingSignature(model: Model, pools: Map<number, number>): string {
  const parts = [`${model.cpus}|${model.policy}`];
  for (const p of model.processes) {
    parts.push(`#${p.index},${p.model},${p.priority},${pools.get(p.index)}`);
    for (const t of p.threads) parts.push(`${t.name},${t.priority},${t.bound},${t.pin}`);
  }
  return parts.join(';');
}

/** `inversion-risk` findings of the mutexes of one process. */
export function processInversions(ctx: InversionContext, proc: ProcessModel): Finding[] {
  const findings: Finding[] = [];
  const users = processUses(proc).lockers;
  const byDecl = new Map<string, MutexModel[]>();
  for (const m of proc.mutexes) {
    const list = byDecl.get(m.baseName);
    if (list) list.push(m);
    else byDecl.set(m.baseName, [m]);
  }
  for (const [baseName, mutexes] of byDecl) {
    const parts: string[] = [];
    let highest = -Infinity;
    let first: Triple | null = null;
    for (const mutex of mutexes) {
      const us = [...(users[mutex.index] ?? [])].map((i) => ({ proc, thread: proc.threads[i] }));
      const t = findTriple(ctx, proc, mutex, us);
      if (!t) continue;
      first ??= t;
      parts.push(describe(mutex, t));
      highest = Math.max(highest, ...us.map((u) => u.thread.priority));
    }
    if (first === null) continue;
    const visibility = first.level === 'kernel' && isUnbound(first.low);
    findings.push({
      code: 'inversion-risk',
      severity: 'warning',
      range: mutexes[0].range,
      head: '',
      parts,
      sep: '; ',
      tail: '',
      related: [],
      // The cure: a protocol, or, where the kernel decides for an unbound owner, `bound` on the
      // owner (with `inherit` when the mutex has none, since `bound` alone cures nothing).
      data: visibility
        ? { fix: 'bound', mutex: baseName, owner: first.low.thread.name, ceiling: highest }
        : { fix: 'inherit', mutex: baseName, ceiling: highest },
    });
  }
  return findings;
}

/** Shared by every mutex of the model: domain questions repeat across mutexes. */
export interface InversionContext {
  model: Model;
  runners: Runner[];
  pools: Map<number, number>;
  memo: Map<string, unknown>;
}

function memo<T>(ctx: InversionContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const v = compute();
  ctx.memo.set(key, v);
  return v;
}

function findTriple(ctx: InversionContext, proc: ProcessModel, mutex: MutexModel, users: Runner[]): Triple | null {
  if (users.length < 2) return null;
  let high = users[0];
  for (const u of users) if (u.thread.priority > high.thread.priority) high = u;
  const h = high.thread.priority;
  // What the protocol gives an owner while H waits: inherit lifts it to H's priority.
  const boost =
    mutex.protocol === 'inherit'
      ? h
      : mutex.protocol === 'ceiling' && mutex.ceiling !== null
        ? mutex.ceiling
        : -Infinity;
  const lows = users
    .filter((u) => u.thread.priority < h && (Math.max(u.thread.priority, boost) < h || isUnbound(u)))
    .sort((a, b) => a.thread.priority - b.thread.priority || a.thread.index - b.thread.index);
  const tried = new Set<string>();
  for (const low of lows) {
    // The outcome depends only on how L is scheduled, not on which user it is.
    const key = `${isUnbound(low)}|${low.thread.priority}|${low.thread.pin}`;
    if (tried.has(key)) continue;
    tried.add(key);
    const t = tripleFor(ctx, proc, low, high, Math.max(low.thread.priority, boost));
    if (t) return t;
  }
  return null;
}

function tripleFor(ctx: InversionContext, proc: ProcessModel, low: Runner, high: Runner, eff: number): Triple | null {
  const { model, runners, pools } = ctx;
  const h = high.thread.priority;
  // L (priority <= eff) and H (priority h) never lie strictly between eff and h, so the search
  // for M depends on the priorities only, and is shared across mutexes.
  const hKey = `${high.proc.index}.${high.thread.index}`;
  if (isUnbound(low) && eff < h) {
    const cap = pools.get(proc.index) ?? 1;
    const mid = memo(ctx, `lm|${proc.index}|${eff}|${h}`, () =>
      proc.threads.find((t) => t.priority > eff && t.priority < h && isUnbound({ proc, thread: t })),
    );
    if (mid && memo(ctx, `lo|${proc.index}|${eff}|${hKey}`, () => canOccupyPool(proc, cap, eff, [low, high]))) {
      const where = cap === 1 ? `on ${proc.name}'s only LWP` : `on the ${cap} LWPs of ${proc.name}'s pool`;
      return { low, high, mid: { proc, thread: mid }, where, level: 'library', lowKernel: kernelPriority(low) };
    }
  }
  if (model.policy !== 'priority') return null;
  // A bound owner's KLT runs at its boosted priority; a pool LWP stays at the process's.
  const k = isUnbound(low) ? kernelPriority(low) : eff;
  if (k >= h) return null;
  const cpus = cpusOf(low, model.cpus);
  const cpuKey = cpus.length === model.cpus ? '*' : cpus.join(',');
  // The kernel compares KLT priorities: M's KLT strictly between L's and H's priority.
  const mid = memo(ctx, `km|${h}|${k}|${cpuKey}`, () =>
    runners.find(
      (r) => kernelPriority(r) > k && kernelPriority(r) < h && cpusOf(r, model.cpus).some((c) => cpus.includes(c)),
    ),
  );
  if (!mid) return null;
  // L's KLT never outranks k, so only H's place among the KLTs above k changes the answer:
  // answers are shared by every H that takes the same place.
  const hPlace =
    kernelPriority(high) <= k
      ? '-'
      : isUnbound(high)
        ? `p${high.proc.index}`
        : high.thread.pin !== null && model.cpus > 1
          ? `c${high.thread.pin}`
          : 'f';
  const occupied = memo(ctx, `ko|${k}|${cpuKey}|${hPlace}`, () =>
    canOccupyCpus(runners, pools, k, cpus, model.cpus, [low, high]),
  );
  if (!occupied) return null;
  const where = cpus.length === 1 ? `on CPU ${cpus[0]}` : `on the ${cpus.length} CPUs`;
  return { low, high, mid, where, level: 'kernel', lowKernel: k };
}

function describe(mutex: MutexModel, t: Triple): string {
  const p = (r: Runner): string => `${r.thread.name} (priority ${r.thread.priority})`;
  const unseen = t.level === 'kernel' && isUnbound(t.low) && mutex.protocol !== 'none';
  const lacks = unseen
    ? `has ${mutex.protocol === 'inherit' ? 'inherit' : `ceiling ${mutex.ceiling}`}, which lifts ${t.low.thread.name} in the library only`
    : mutex.protocol === 'ceiling'
      ? `has ceiling ${mutex.ceiling}, below ${t.high.thread.name}'s priority ${t.high.thread.priority}`
      : 'has no priority protocol';
  const mid =
    t.level === 'kernel' && isUnbound(t.mid)
      ? `${t.mid.thread.name} (on a pool LWP at priority ${kernelPriority(t.mid)})`
      : p(t.mid);
  const low =
    t.level === 'kernel' && isUnbound(t.low)
      ? `${p(t.low)}, whose pool LWP the kernel runs at ${t.lowKernel} (${t.low.proc.name}'s priority),`
      : p(t.low);
  return (
    `${mutex.name} ${lacks}: ${p(t.high)} can wait for it while ${low} holds it, and ` +
    `${mid} can run instead of ${t.low.thread.name} ${t.where}: unbounded priority inversion at the ${t.level} level`
  );
}
