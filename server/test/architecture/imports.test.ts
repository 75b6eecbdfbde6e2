/**
 * The layers hold: no import circle inside any folder of the core (the simulator reads as a
 * stack: world, kernel, library, sync, lifecycle, exec, events, engine), and the folders import
 * only the layers below them (the lint enforces the folders; this checks what lint cannot see).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain script module without declarations
import { importCircles, importGraph } from '../../../scripts/import-graph.mjs';

type Graph = Map<string, string[]>;
const graphOf = importGraph as (dir: string) => Graph;
const circlesOf = importCircles as (g: Graph) => string[][];

function folders(root: string): string[] {
  const out = [root];
  for (const e of readdirSync(root)) if (statSync(join(root, e)).isDirectory()) out.push(...folders(join(root, e)));
  return out;
}

test('no folder of the sources has an import circle', () => {
  for (const dir of [...folders('server/src'), ...folders('client/src')]) {
    assert.deepEqual(circlesOf(graphOf(dir)), [], `import circle in ${dir}`);
  }
});

test('the simulator is a stack: each layer imports only those below it', () => {
  const order = ['world.ts', 'kernel.ts', 'library.ts', 'sync.ts', 'lifecycle.ts', 'exec.ts', 'events.ts', 'engine.ts'];
  const g = graphOf('server/src/simulator');
  for (const [k, f] of order.entries()) {
    const above = order.slice(k + 1);
    const bad = (g.get(f) ?? []).filter((d) => above.includes(d));
    assert.deepEqual(bad, [], `${f} imports ${bad.join(', ')}, which sit above it`);
  }
});

test('the check finds a circle when there is one', () => {
  const g: Graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  assert.deepEqual(circlesOf(g), [['a.ts', 'b.ts', 'c.ts']]);
});
