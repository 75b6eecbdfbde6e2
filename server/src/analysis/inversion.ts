/**
 * `inversion-risk`: a mutex without a sufficient protocol whose users L < H share a scheduling
 * domain with a thread M of priority strictly between them that can run while L is ready.
 *
 * Library level (L unbound): an unbound M of L's process, and enough unbound threads of that
 * process above L (H aside, as it waits) to occupy every LWP of the pool.
 * Kernel level (`policy priority` only; fifo, rr and sjf ignore priorities): an M whose KLT
 * outranks L's and may use one of L's CPUs, and enough KLTs above L's to occupy every CPU L
 * may use. One finding per declaration, on its name.
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
    for (const mutex of mutexes) {
      const us = [...(users[mutex.index] ?? [])].map((i) => ({ proc, thread: proc.threads[i] }));
      const t = findTriple(ctx, proc, mutex, us);
      if (!t) continue;
      parts.push(describe(mutex, t));
      highest = Math.max(highest, ...us.map((u) => u.thread.priority));
    }
    if (parts.length === 0) continue;
    findings.push({
      code: 'inversion-risk',
      severity: 'warning',
      range: mutexes[0].range,
      head: '',
      parts,
      sep: '; ',
      tail: '',
      related: [],
      data: { fix: 'inherit', mutex: baseName, ceiling: highest },
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
  if (mutex.protocol === 'inherit' || users.length < 2) return null;
  let high = users[0];
  for (const u of users) if (u.thread.priority > high.thread.priority) high = u;
  const h = high.thread.priority;
  const boost = mutex.protocol === 'ceiling' && mutex.ceiling !== null ? mutex.ceiling : -Infinity;
  if (boost >= h) return null;
  const lows = users
    .filter((u) => Math.max(u.thread.priority, boost) < h)
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
  if (isUnbound(low)) {
    const cap = pools.get(proc.index) ?? 1;
    const mid = memo(ctx, `lm|${proc.index}|${eff}|${h}`, () =>
      proc.threads.find((t) => t.priority > eff && t.priority < h && isUnbound({ proc, thread: t })),
    );
    if (mid && memo(ctx, `lo|${proc.index}|${eff}|${hKey}`, () => canOccupyPool(proc, cap, eff, [low, high]))) {
      const where = cap === 1 ? `on ${proc.name}'s only LWP` : `on the ${cap} LWPs of ${proc.name}'s pool`;
      return { low, high, mid: { proc, thread: mid }, where };
    }
  }
  if (model.policy !== 'priority') return null;
  // A bound owner's KLT runs at its boosted priority; a pool LWP stays at the process's.
  const k = isUnbound(low) ? kernelPriority(low) : eff;
  const cpus = cpusOf(low, model.cpus);
  const cpuKey = cpus.length === model.cpus ? '*' : cpus.join(',');
  const mid = memo(ctx, `km|${eff}|${h}|${k}|${cpuKey}`, () =>
    runners.find(
      (r) =>
        r.thread.priority > eff &&
        r.thread.priority < h &&
        kernelPriority(r) > k &&
        cpusOf(r, model.cpus).some((c) => cpus.includes(c)),
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
  return { low, high, mid, where };
}

function describe(mutex: MutexModel, t: Triple): string {
  const p = (r: Runner): string => `${r.thread.name} (priority ${r.thread.priority})`;
  const lacks =
    mutex.protocol === 'ceiling'
      ? `has ceiling ${mutex.ceiling}, below ${t.high.thread.name}'s priority ${t.high.thread.priority}`
      : 'has no priority protocol';
  return (
    `${mutex.name} ${lacks}: ${p(t.high)} can wait for it while ${p(t.low)} holds it, and ` +
    `${p(t.mid)} can run instead of ${t.low.thread.name} ${t.where}: unbounded priority inversion`
  );
}
