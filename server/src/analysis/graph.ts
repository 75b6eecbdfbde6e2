/**
 * Directed-graph helpers for the lock-order graph: strongly connected components (Tarjan,
 * iterative so a long chain of mutexes cannot overflow the stack) and a bounded enumeration
 * of elementary cycles inside one component.
 */

/** Adjacency lists over vertices 0..n-1 (each list sorted, no duplicates). */
export type Adjacency = number[][];

/** Tarjan's strongly connected components; each component's vertices sorted ascending. */
export function stronglyConnected(adj: Adjacency): number[][] {
  const n = adj.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const comps: number[][] = [];
  let next = 0;
  // Explicit call stack: [vertex, position in its adjacency list].
  const frames: [number, number][] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frames.push([root, 0]);
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const v = frame[0];
      const succ = adj[v];
      if (frame[1] < succ.length) {
        const w = succ[frame[1]++];
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          comp.push(w);
        } while (w !== v);
        comp.sort((a, b) => a - b);
        comps.push(comp);
      }
    }
  }
  return comps;
}

/** Limits of the cycle enumeration. */
export interface CycleBudget {
  /** Edge examinations left (shared by every call that gets this object). */
  steps: number;
}

/**
 * Calls `found` with each elementary cycle of the component `comp`, once each, as the vertex
 * list starting at its smallest vertex (the canonical rotation). Stops when `found` returns
 * false or the budget runs out; returns false in both cases.
 */
export function forEachCycle(
  adj: Adjacency,
  comp: number[],
  budget: CycleBudget,
  found: (cycle: number[]) => boolean,
): boolean {
  const inComp = new Set(comp);
  const onPath = new Set<number>();
  for (const start of comp) {
    // Paths from `start` through larger vertices of the component back to `start`.
    const path = [start];
    const pos = [0];
    onPath.clear();
    onPath.add(start);
    while (path.length > 0) {
      const v = path[path.length - 1];
      const succ = adj[v];
      const i = pos[pos.length - 1];
      if (i >= succ.length) {
        path.pop();
        pos.pop();
        onPath.delete(v);
        continue;
      }
      pos[pos.length - 1] = i + 1;
      const w = succ[i];
      if (--budget.steps < 0) return false;
      if (w === start) {
        if (!found([...path])) return false;
        continue;
      }
      if (w < start || !inComp.has(w) || onPath.has(w)) continue;
      path.push(w);
      pos.push(0);
      onPath.add(w);
    }
  }
  return true;
}
