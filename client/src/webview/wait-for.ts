/**
 * The wait-for graph at an instant: an edge from each held mutex to its owner, from each waiter
 * to what it waits for (a mutex, condition variable or semaphore; the threads it joins), the
 * cycles among them (a deadlock, drawn as a cycle), and the waiters of a hang, which never
 * wake. Node ids are the mapping figure's (`thread:p:name`, `sync:p:kind:name`). Pure.
 */
import type { RunResult } from '../../../server/src/simulator/trace';
import type { Snapshot, ThreadAt } from './snapshot';

export interface WaitEdge {
  from: string;
  to: string;
  /** `holds`: a mutex to its owner; `waits`: a thread to what it waits for. */
  kind: 'holds' | 'waits';
  spinning: boolean;
  /** On a cycle of the graph (a deadlock). */
  cycle: boolean;
}

export interface WaitGraph {
  edges: WaitEdge[];
  /** Each cycle as the names along it: thread, object, thread, …, back to the first thread. */
  cycles: string[][];
  /** Ids of the threads waiting in a hang (blocked for good, no cycle). */
  hang: Set<string>;
}

export function threadNode(process: string, name: string): string {
  return `thread:${process}:${name}`;
}

export function syncNode(process: string, kind: string, name: string): string {
  return `sync:${process}:${kind}:${name}`;
}

/** The graph at the snapshot's instant; `result` tells which waits never end (a hang). */
export function waitGraph(snap: Snapshot, result: RunResult): WaitGraph {
  const edges: WaitEdge[] = [];
  const byKey = new Map<string, ThreadAt>();
  for (const th of snap.threads) byKey.set(threadNode(th.info.process, th.info.name), th);
  for (const [key, owner] of snap.owners) {
    const [process, mutex] = key.split('\n');
    edges.push({
      from: syncNode(process, 'mutex', mutex),
      to: threadNode(process, owner),
      kind: 'holds',
      spinning: false,
      cycle: false,
    });
  }
  // Thread-level successors: a mutex's owner, or the threads joined.
  const next = new Map<string, { to: string; via: string | null }[]>();
  for (const th of snap.threads) {
    const w = th.wait;
    if (w === null) continue;
    const p = th.info.process;
    const id = threadNode(p, th.info.name);
    const succ: { to: string; via: string | null }[] = [];
    if (w.kind === 'join') {
      for (const n of w.names) {
        edges.push({ from: id, to: threadNode(p, n), kind: 'waits', spinning: false, cycle: false });
        succ.push({ to: threadNode(p, n), via: null });
      }
    } else {
      const obj = syncNode(p, w.kind, w.names[0]);
      edges.push({ from: id, to: obj, kind: 'waits', spinning: th.state === 'spinning', cycle: false });
      const owner = w.kind === 'mutex' ? snap.owners.get(`${p}\n${w.names[0]}`) : undefined;
      if (owner !== undefined) succ.push({ to: threadNode(p, owner), via: obj });
    }
    next.set(id, succ);
  }
  const cycles = findCycles(next, edges);
  const inCycle = new Set(edges.filter((e) => e.cycle).flatMap((e) => [e.from, e.to]));
  const hang = new Set<string>();
  if (result.outcome === 'hang') {
    for (const m of result.threads) {
      const id = threadNode(m.process, m.name);
      if (m.waitingSince !== null && m.waitingSince <= snap.t && byKey.get(id)?.wait && !inCycle.has(id)) hang.add(id);
    }
  }
  return { edges, cycles, hang };
}

/**
 * Cycles of the thread-level graph (iterative depth-first search: a chain of thousands of
 * joins must not overflow the stack); marks their edges and returns each as names.
 */
function findCycles(next: Map<string, { to: string; via: string | null }[]>, edges: WaitEdge[]): string[][] {
  const byEnds = new Map<string, WaitEdge[]>();
  for (const e of edges) {
    const k = `${e.from}\n${e.to}`;
    const list = byEnds.get(k);
    if (list) list.push(e);
    else byEnds.set(k, [e]);
  }
  const mark = (from: string, to: string): void => {
    for (const e of byEnds.get(`${from}\n${to}`) ?? []) e.cycle = true;
  };
  const name = (id: string): string => id.slice(id.lastIndexOf(':') + 1);
  const state = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  // The current path: each node, the object between it and the one before, and its next successor to try.
  const path: { id: string; via: string | null; k: number }[] = [];
  const onPath = new Map<string, number>();
  const enter = (id: string, via: string | null): void => {
    state.set(id, 1);
    onPath.set(id, path.length);
    path.push({ id, via, k: 0 });
  };
  for (const root of next.keys()) {
    if (state.has(root)) continue;
    enter(root, null);
    while (path.length > 0) {
      const top = path[path.length - 1];
      const succ = next.get(top.id) ?? [];
      if (top.k >= succ.length) {
        path.pop();
        onPath.delete(top.id);
        state.set(top.id, 2);
        continue;
      }
      const s = succ[top.k++];
      const st = state.get(s.to);
      if (st === undefined) {
        enter(s.to, s.via);
        continue;
      }
      if (st !== 1) continue;
      const names: string[] = [];
      for (let k = onPath.get(s.to) ?? 0; k < path.length; k++) {
        const to = k + 1 < path.length ? path[k + 1].id : s.to;
        const via = k + 1 < path.length ? path[k + 1].via : s.via;
        names.push(name(path[k].id));
        if (via !== null) {
          names.push(name(via));
          mark(path[k].id, via);
          mark(via, to);
        } else mark(path[k].id, to);
      }
      names.push(name(s.to));
      cycles.push(names);
    }
  }
  return cycles;
}
