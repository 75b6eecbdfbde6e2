/**
 * `lock-order-cycle`: the lock-order graph of a process, as Linux lockdep builds it (an edge
 * m1 → m2 for each acquisition of m2 while m1 may be held), searched for cycles that some
 * schedule could turn into a deadlock.
 *
 * A cycle is reported when its edges can be taken by pairwise distinct threads (a thread cannot
 * wait for itself around a cycle; that is `relock`) with no mutex held at every one of those
 * acquisitions (a common gate lock serialises them). Work is bounded: cycles are enumerated only
 * inside strongly connected components (cycles of two mutexes first), under a shared step
 * budget, and at most MAX_CYCLES_PER_PROCESS are reported per process.
 */
import type { ProcessModel, SourceRange } from '../language/model';
import type { Finding } from './findings';
import { forEachCycle, stronglyConnected, type Adjacency, type CycleBudget } from './graph';
import type { EdgeInstance } from './held-locks';

/** Acquisitions named in one cycle's message, and related locations given, at most. */
export const MAX_CLAUSES = 12;
export const MAX_RELATED = 50;
/** Cycles reported per process, at most. */
export const MAX_CYCLES_PER_PROCESS = 10;
/** Steps (edge examinations and witness choices) one process may spend on its cycle search. */
export const CYCLE_STEPS_PER_PROCESS = 20_000;
/** Steps the whole model may spend on cycle searches (shared by its processes in order). */
export const CYCLE_STEPS_PER_MODEL = 100_000;

/** A fresh model-wide step budget for `lockOrderFindings`. */
export function modelCycleBudget(): CycleBudget {
  return { steps: CYCLE_STEPS_PER_MODEL };
}

/**
 * `lock-order-cycle` findings of one process from its acquisitions, spending at most
 * CYCLE_STEPS_PER_PROCESS steps of the model-wide `shared` budget.
 */
export function lockOrderFindings(
  proc: ProcessModel,
  edges: EdgeInstance[],
  shared: CycleBudget = modelCycleBudget(),
): Finding[] {
  if (edges.length === 0 || shared.steps <= 0) return [];
  const n = proc.mutexes.length;
  const byEdge = new Map<number, EdgeInstance[]>();
  const succ: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const e of edges) {
    const key = e.from * n + e.to;
    const list = byEdge.get(key);
    if (list) list.push(e);
    else byEdge.set(key, [e]);
    succ[e.from].add(e.to);
  }
  const infos = new Map<number, EdgeInfo>();
  const edgeInfo = (key: number): EdgeInfo => {
    let info = infos.get(key);
    if (!info) {
      info = summariseEdge(byEdge.get(key) ?? []);
      infos.set(key, info);
    }
    return info;
  };
  const adj: Adjacency = succ.map((s) => [...s].sort((a, b) => a - b));
  const budget: CycleBudget = { steps: Math.min(shared.steps, CYCLE_STEPS_PER_PROCESS) };
  const allowance = budget.steps;
  const findings: Finding[] = [];
  const comps = stronglyConnected(adj)
    .filter((c) => c.length >= 2)
    .sort((a, b) => a[0] - b[0]);
  const consider = (cycle: number[]): boolean => {
    const infos = cycle.map((v, i) => edgeInfo(v * n + cycle[(i + 1) % cycle.length]));
    const witness = findWitness(infos, budget);
    if (witness) findings.push(cycleFinding(proc, witness, infos));
    return findings.length < MAX_CYCLES_PER_PROCESS && budget.steps > 0;
  };
  // Cycles of two mutexes first (m1 then m2 here, m2 then m1 there): the common case, and the
  // one that must not be crowded out by longer cycles through the same mutexes.
  let go = true;
  for (const comp of comps) {
    for (const u of comp) {
      for (const v of adj[u]) {
        if (!go || v <= u || !succ[v].has(u)) continue;
        go = --budget.steps >= 0 && consider([u, v]);
      }
    }
  }
  for (const comp of comps) {
    if (!go) break;
    go = forEachCycle(adj, comp, budget, (cycle) => cycle.length === 2 || consider(cycle));
  }
  shared.steps -= allowance - Math.max(0, budget.steps);
  return findings;
}

/** An edge of the graph: its instances, one per (thread, gate set), in thread order. */
interface EdgeInfo {
  candidates: EdgeInstance[];
  /** Gates held at every instance. */
  common: number[];
}

function summariseEdge(list: EdgeInstance[]): EdgeInfo {
  const seen = new Set<string>();
  const out: EdgeInstance[] = [];
  let common = list.length > 0 ? list[0].gates : [];
  for (const e of list) {
    const key = `${e.thread}|${e.gates.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (common.length > 0) common = intersect(common, e.gates);
  }
  return { candidates: out.sort((a, b) => a.thread - b.thread), common };
}

function intersect(a: number[], b: number[]): number[] {
  return a.filter((x) => b.includes(x));
}

/**
 * One instance per edge, threads pairwise distinct, no gate common to all; null when none
 * exists. When the budget runs out first, the first distinct-thread choice stands in (so a
 * cycle is reported rather than missed).
 */
function findWitness(infos: EdgeInfo[], budget: CycleBudget): EdgeInstance[] | null {
  if (infos.some((l) => l.candidates.length === 0)) return null;
  // A gate held at every instance of every edge rules the cycle out at once.
  let common = infos[0].common;
  for (let i = 1; i < infos.length && common.length > 0; i++) common = intersect(common, infos[i].common);
  if (common.length > 0) return null;
  const lists = infos.map((i) => i.candidates);
  // Depth-first over edges, iteratively (a cycle can be as long as a ring of philosophers).
  const k = lists.length;
  const next = new Array<number>(k).fill(0);
  const chosen: EdgeInstance[] = [];
  const gatesAt: number[][] = [];
  const used = new Set<number>();
  let fallback: EdgeInstance[] | null = null;
  let j = 0;
  while (j >= 0) {
    if (j === k) {
      if (gatesAt[k - 1].length === 0) return chosen;
      fallback ??= [...chosen];
      j--;
      used.delete(chosen.pop()!.thread);
      gatesAt.pop();
      continue;
    }
    const l = lists[j];
    while (next[j] < l.length && used.has(l[next[j]].thread)) next[j]++;
    if (next[j] >= l.length) {
      next[j] = 0;
      j--;
      if (j >= 0) {
        used.delete(chosen.pop()!.thread);
        gatesAt.pop();
      }
      continue;
    }
    if (--budget.steps < 0) return fallback ?? completeGreedily(lists);
    const e = l[next[j]++];
    chosen.push(e);
    used.add(e.thread);
    gatesAt.push(j === 0 ? e.gates : intersect(gatesAt[j - 1], e.gates));
    j++;
  }
  return null;
}

/** Any choice with distinct threads (first fit), or null; used when the budget is spent. */
function completeGreedily(lists: EdgeInstance[][]): EdgeInstance[] | null {
  const used = new Set<number>();
  const out: EdgeInstance[] = [];
  for (const l of lists) {
    const e = l.find((x) => !used.has(x.thread));
    if (!e) return null;
    used.add(e.thread);
    out.push(e);
  }
  return out;
}

/** Names of more threads that take one edge at the same statement, at most. */
const MAX_PEERS = 3;

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function cycleFinding(proc: ProcessModel, witness: EdgeInstance[], infos: EdgeInfo[]): Finding {
  // Anchor: the acquisition of the first thread in declaration order.
  let anchor = 0;
  for (let i = 1; i < witness.length; i++) if (witness[i].thread < witness[anchor].thread) anchor = i;
  const order = [...witness.keys()].map((k) => (k + anchor) % witness.length);
  const used = new Set(witness.map((e) => e.thread));
  const clause = (i: number): string => {
    const e = witness[i];
    // Threads of one array share the statement: name the others that take this edge there
    // under the same gates, so that one diagnostic covers them all.
    const peers = infos[i].candidates
      .filter((c) => !used.has(c.thread) && sameRange(c.site, e.site) && c.gates.join() === e.gates.join())
      .map((c) => proc.threads[c.thread].name);
    const shown = peers.slice(0, MAX_PEERS);
    const more = peers.length - shown.length;
    const who = [proc.threads[e.thread].name, ...shown].join(', ') + (more > 0 ? ` and ${more} more` : '');
    const verb = peers.length > 0 ? 'take' : 'takes';
    return `${who} ${verb} ${proc.mutexes[e.to].name} while holding ${proc.mutexes[e.from].name}`;
  };
  return {
    code: 'lock-order-cycle',
    severity: 'warning',
    range: witness[order[0]].site,
    head: 'lock order cycle: ',
    parts: [describe(order.slice(0, MAX_CLAUSES).map(clause), order.length)],
    sep: '; ',
    tail: ': a potential deadlock',
    related: order.slice(1, MAX_RELATED + 1).map((i) => ({ range: witness[i].site, message: clause(i) })),
  };
}

/** The first clauses of a cycle of `total` acquisitions, the rest counted. */
function describe(clauses: string[], total: number): string {
  const more = total - clauses.length;
  return more > 0 ? `${clauses.join(', ')}, and ${more} more acquisitions` : clauses.join(', ');
}
