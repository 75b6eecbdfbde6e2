/**
 * The exploration tier's benchmark, over a real stdio connection to dist/server.js (defaults:
 * 250 ms debounce, 2,000 ms exploration time limit):
 * - dining philosophers with think times (left fork first, one CPU each), N = 5 and 7: after a
 *   one-character edit, the time until the `deadlock-reachable` diagnostic is published (the
 *   debounce given apart), median and p95 over 10 edits;
 * - every sample: after a one-character edit, the time until the tier's end (the last
 *   `threadscape/exploration` report), with what the search said;
 * - hovers sent one after another for 3 s while a large scenario is explored.
 * Goals: the reachable deadlock under 1 s after the debounce for N ≤ 7; a hover under 100 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dining } from '../server/test/lsp/scenarios';
import { ROOT, TestServer } from '../server/test/lsp/harness';

const DELAY = 250;
const EDITS = 10;

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Appends a space to the end of the first line, or takes it away: a one-character edit. */
function toggler(server: TestServer, uri: string, text: string): () => number {
  const line = text.split('\n')[0];
  let spaced = false;
  return () => {
    const at = { line: 0, character: line.length };
    spaced = !spaced;
    return spaced
      ? server.edit(uri, { start: at, end: at }, ' ')
      : server.edit(uri, { start: at, end: { line: 0, character: line.length + 1 } }, '');
  };
}

/** Last keystroke to the first publication of `deadlock-reachable`, for dining philosophers of `n`. */
async function diningLatency(server: TestServer, n: number): Promise<void> {
  const uri = `file:///bench/dining-${n}.threads`;
  const text = dining(n, false);
  server.open(uri, text);
  await server.explored(uri, 1, 60_000);
  const edit = toggler(server, uri, text);
  const toFinding: number[] = [];
  const toEnd: number[] = [];
  let states = 0;
  for (let k = 0; k < EDITS; k++) {
    const mark = server.diagnostics.all.length;
    const t0 = performance.now();
    const v = edit();
    await server.diagnostics.next(
      (p) => p.uri === uri && p.version === v && p.diagnostics.some((d) => d.code === 'deadlock-reachable'),
      mark,
      60_000,
    );
    toFinding.push(performance.now() - t0 - DELAY);
    const end = await server.explored(uri, v, 60_000);
    toEnd.push(performance.now() - t0 - DELAY);
    states = end.states;
  }
  const f = stats(toFinding);
  const e = stats(toEnd);
  console.log(
    `dining philosophers N=${n}: deadlock-reachable ${fmt(DELAY)} (debounce) + median ${fmt(f.median)}, ` +
      `p95 ${fmt(f.p95)} after it (goal < 1000 ms); the search's end + median ${fmt(e.median)} (${states} states)`,
  );
  server.close(uri);
}

/** Last keystroke to the tier's end, for every sample. */
async function samples(server: TestServer): Promise<void> {
  const dir = join(ROOT, 'samples');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.threads'))) {
    const uri = `file:///bench/${name}`;
    const text = readFileSync(join(dir, name), 'utf8');
    server.open(uri, text);
    const first = await server.outcome(uri, 1);
    if (first.outcome === null) {
      console.log(`  ${name}: has errors, not explored`);
      continue;
    }
    await server.explored(uri, 1, 60_000);
    const t0 = performance.now();
    const v = toggler(server, uri, text)();
    const end = await server.explored(uri, v, 60_000);
    const ms = performance.now() - t0 - DELAY;
    console.log(`  ${name}: ${fmt(DELAY)} + ${fmt(ms)}: ${end.text}`);
    server.close(uri);
  }
}

/** Round trips of hovers sent back to back while a large scenario is explored. */
async function hoverDuringExploration(): Promise<void> {
  const server = await TestServer.start({ init: { simulation: { delay: DELAY }, exploration: { timeLimit: 10_000 } } });
  try {
    const uri = 'file:///bench/large.threads';
    server.open(uri, dining(9, true));
    await server.outcome(uri, 1);
    const times: number[] = [];
    const start = performance.now();
    let ended = false;
    void server.explored(uri, 1, 60_000).then(
      () => (ended = true),
      () => undefined,
    );
    while (performance.now() - start < 3000 && !ended) {
      const t0 = performance.now();
      await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
      times.push(performance.now() - t0);
    }
    const h = stats(times);
    console.log(
      `hover while a large scenario is explored: ${times.length} hovers, median ${h.median.toFixed(1)} ms, ` +
        `p95 ${h.p95.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms` +
        `${ended ? ' (the exploration ended first)' : ''} (goal < 100 ms)`,
    );
    await server.stop();
  } finally {
    server.kill();
  }
}

async function main(): Promise<void> {
  const server = await TestServer.start({ init: { simulation: { delay: DELAY } } });
  try {
    console.log(`debounce ${DELAY} ms, exploration time limit 2000 ms; times after the debounce`);
    for (const n of [5, 7]) await diningLatency(server, n);
    console.log('every sample, a one-character edit to the tier’s end:');
    await samples(server);
    await server.stop();
  } finally {
    server.kill();
  }
  await hoverDuringExploration();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
