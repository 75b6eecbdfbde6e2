// Throughput of the simulator: 1,000 threads on 16 CPUs in 4 processes, each thread looping
// over compute, lock/unlock and io, simulated to completion; then the same at 10× the work
// (ten times the iterations). Prints statements/s, events/s and the peak heap, first for
// one_to_one processes, then for many_to_many processes (8 LWPs per pool, 250 unbound threads
// each). Goal: ≥ 2 million statements/s, and the 10× rate within 20% of the 1× rate.
//
// Method: the 1× scenario is run WARMUP times first so that the JIT has compiled the engine's
// paths (the first run takes 4–5× as long as a warm one; on two busy cores the optimizing
// compiler, which runs on a background thread, needs several runs), then each scenario is
// measured RUNS times and the median run (by CPU time) is printed. The peak heap comes from one
// more, untimed run of each scenario, sampled every 20,000 events after a full collection.
// Rates are computed on the process's CPU time (user + system, process.cpuUsage), which other
// work on a shared machine does not inflate; the wall-clock time is printed beside it.
// "Statements" are the statements the scenario executes, counted from the source: threads ×
// iterations × 5 (compute, lock, compute, unlock, io; `repeat` itself is not counted). "Events"
// are the engine's own count (one per statement executed and one per timed event processed,
// the unit of the event budget).
//
// The code measured is what ships: the language and the simulator bundled and minified by
// esbuild exactly as dist/server.js and dist/cli.js are. Run through tsx instead (`--source`),
// every call between two source files goes through a module getter, which costs the
// simulator about 40% more CPU than the bundle and is not what users run.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import type { Model } from '../server/src/language/model';

type Core = typeof import('../server/src/language') & typeof import('../server/src/simulator');

/** The language and the simulator, bundled as dist/ bundles them (or the sources with `--source`). */
async function loadCore(): Promise<Core> {
  if (process.argv.includes('--source')) {
    return { ...(await import('../server/src/language')), ...(await import('../server/src/simulator')) };
  }
  const outfile = path.join(os.tmpdir(), `threadscape-bench-simulator-${process.pid}.mjs`);
  buildSync({
    stdin: {
      contents:
        "export { compile } from './server/src/language'; export { createSimulation } from './server/src/simulator';",
      resolveDir: path.join(__dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const core = (await import(pathToFileURL(outfile).href)) as Core;
  rmSync(outfile, { force: true });
  return core;
}

let compile: Core['compile'];
let createSimulation: Core['createSimulation'];

const THREADS_PER_PROCESS = 250;
const PROCESSES = 4;
const BASE_ITERATIONS = 40;
// Statements per iteration: compute, lock, compute, unlock, io.
const STATEMENTS_PER_ITERATION = 5;

function scenario(model: 'one_to_one' | 'many_to_many', iterations: number): Model {
  const lines = [
    'scenario "bench" {',
    '  cpus 16',
    '  horizon 2000000000',
    '  cost switch 1',
    '  cost switch_process 3',
    '}',
  ];
  for (let p = 0; p < PROCESSES; p++) {
    lines.push(`process p${p} {`, `  model ${model}`);
    if (model === 'many_to_many') lines.push('  lwps 8');
    lines.push(
      '  mutex m[25]',
      `  thread w[${THREADS_PER_PROCESS}] {`,
      `    repeat ${iterations} {`,
      '      compute 2..6',
      '      lock m[i]',
      '      compute 1',
      '      unlock m[i]',
      '      io 3..9',
      '    }',
      '  }',
      '}',
    );
  }
  const c = compile(lines.join('\n'));
  if (!c.model) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return c.model;
}

interface Figures {
  statements: number;
  events: number;
  ms: number;
  wallMs: number;
  peakMiB: number;
  outcome: string;
}

const WARMUP = 12;
const RUNS = 7;

/** One timed run. No forced collection here: a `gc()` before each run made every run after it about twice as slow. */
function measure(model: Model): Figures {
  const sim = createSimulation(model, { maxEvents: 2_000_000_000 });
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  while (!sim.step({ maxEvents: 250_000 }));
  const cpu = process.cpuUsage(c0);
  const ms = (cpu.user + cpu.system) / 1000;
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const r = sim.result();
  const first = model.processes[0].threads[0].body[0];
  const iterations = first.op === 'repeat' ? first.count : 0;
  return {
    statements: PROCESSES * THREADS_PER_PROCESS * iterations * STATEMENTS_PER_ITERATION,
    events: sim.eventCount,
    ms,
    wallMs,
    peakMiB: 0,
    outcome: r.outcome,
  };
}

/** The peak of the heap during one untimed run, above the heap after a full collection before it. */
function peakHeap(model: Model): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sim = createSimulation(model, { maxEvents: 2_000_000_000 });
  while (!sim.step({ maxEvents: 20_000 })) peak = Math.max(peak, process.memoryUsage().heapUsed);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  sim.result();
  return (peak - base) / 2 ** 20;
}

/** The median of `n` runs by CPU time. */
function median(model: Model, n: number): Figures {
  const runs: Figures[] = [];
  for (let i = 0; i < n; i++) runs.push(measure(model));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[n >> 1];
}

function line(label: string, f: Figures): string {
  const sps = (f.statements / f.ms) * 1000;
  const eps = (f.events / f.ms) * 1000;
  return (
    `${label}: ${f.statements.toLocaleString('en')} statements, ${f.events.toLocaleString('en')} events in ${f.ms.toFixed(0)} ms of CPU (${f.wallMs.toFixed(0)} ms wall): ` +
    `${(sps / 1e6).toFixed(2)} M statements/s, ${(eps / 1e6).toFixed(2)} M events/s, peak heap +${f.peakMiB.toFixed(1)} MiB (${f.outcome})`
  );
}

async function main(): Promise<void> {
  const core = await loadCore();
  compile = core.compile;
  createSimulation = core.createSimulation;
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}; ` +
      `${process.argv.includes('--source') ? 'sources through tsx' : 'bundled'}; median of ${RUNS} runs after ${WARMUP} warm-up runs; rates per CPU-second`,
  );
  for (const model of ['one_to_one', 'many_to_many'] as const) {
    const m1 = scenario(model, BASE_ITERATIONS);
    const m10 = scenario(model, BASE_ITERATIONS * 10);
    for (let i = 0; i < WARMUP; i++) measure(m1);
    const one = median(m1, RUNS);
    const ten = median(m10, RUNS);
    // Measured last, so that the forced collections cannot slow the timed runs.
    one.peakMiB = peakHeap(m1);
    ten.peakMiB = peakHeap(m10);
    console.log(line(`${model} 1×`, one));
    console.log(line(`${model} 10×`, ten));
    const r1 = one.statements / one.ms;
    const r10 = ten.statements / ten.ms;
    const ratio = r10 / r1;
    const okRate = r1 * 1000 >= 2e6 && r10 * 1000 >= 2e6;
    console.log(
      `${model}: 10×/1× rate ${(ratio * 100).toFixed(0)}% (goal ≥ 80%), goal ≥ 2 M statements/s ${okRate ? 'met' : 'NOT met'}`,
    );
  }
}

void main();
