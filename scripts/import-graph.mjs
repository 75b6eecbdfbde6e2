#!/usr/bin/env node
// The import graph of one folder of the sources, and its import circles (strongly connected
// components of more than one file). Type-only imports count: a circle of types is a circle.
//
//   node scripts/import-graph.mjs server/src/simulator          prints the graph and the circles
//   node scripts/import-graph.mjs --check server/src/simulator  exits 1 when there is a circle
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder's files and, for each, the files of the same folder it imports. */
export function importGraph(dir) {
  const root = resolve(dir);
  const graph = new Map();
  for (const f of readdirSync(root)
    .filter((x) => x.endsWith('.ts'))
    .sort()) {
    const src = readFileSync(join(root, f), 'utf8');
    const deps = new Set();
    for (const m of src.matchAll(/(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(['"](\.[^'"]+)['"]\)/g)) {
      const target = resolve(root, m[1] ?? m[2]);
      if (dirname(target) === root) deps.add(`${relative(root, target)}.ts`);
    }
    graph.set(f, [...deps].sort());
  }
  return graph;
}

/** Import circles: Tarjan's strongly connected components with more than one file. */
export function importCircles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) circles.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dir = args.find((a) => !a.startsWith('--')) ?? 'server/src/simulator';
  const graph = importGraph(dir);
  const circles = importCircles(graph);
  if (!check) for (const [f, deps] of graph) console.log(`${f.padEnd(18)} -> ${deps.join(' ')}`);
  console.log(
    `import circles in ${dir}: ${circles.length === 0 ? 'none' : circles.map((c) => `{${c.join(', ')}}`).join(' ')}`,
  );
  process.exitCode = check && circles.length > 0 ? 1 : 0;
}
