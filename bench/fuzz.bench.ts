// Hostile inputs through every host's path (server/test/support/hostile.ts), with a time and
// a memory bound per input: each input runs in a worker process that is stopped after KILL_MS
// (counted as a run over the bound) and whose heap is capped at HEAP_MB (an input that
// exhausts it is counted as out of memory). The worker's resident memory is sampled while
// each input runs: "memory" below is that peak, the whole process of the pipeline; a worker
// left bigger than FRESH_MB by an input is replaced before the next, so that each input's
// figure is its own.
// Prints inputs per second, exceptions, runs over 5 s, the worst time, the worst memory, and
// a line per family. Goal: 20,000 inputs, 0 exceptions, 0 runs over 5 s, peak under 1 GB,
// every range inside its line. FUZZ_INPUTS=N runs N inputs (default 20,000).
import * as esbuild from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { FAMILIES } from '../server/test/support/hostile';
import { seeded } from '../server/test/support/random';
import type { FuzzAnswer, FuzzJob } from './fuzz-worker';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 20_000);
const OVER_MS = 5_000;
const KILL_MS = Number(process.env.FUZZ_KILL_MS ?? 10_000);
const HEAP_MB = 2_048;
/** A worker left bigger than this by an input is replaced, so the next input's memory is its own. */
const FRESH_MB = 256;
const SEED = 20_261_128;

/** How often each family is drawn: most inputs are cheap edits, a few are the heavy shapes. */
const WEIGHTS: Record<string, number> = {
  mutation: 40,
  'control-characters': 12,
  unterminated: 12,
  'line-endings': 12,
  'huge-array': 6,
  'huge-count': 6,
  'thread-blowup': 3,
  'join-cycle': 1,
  'lock-cycle': 2,
  'condvar-storm': 2,
  'budget-run': 1,
};

interface Row {
  family: string;
  index: number;
  ms: number;
  peakMB: number;
  verdict: 'ok' | 'problem' | 'exception' | 'killed' | 'out-of-memory' | 'crashed';
  detail: string;
}

function draw(rnd: () => number): (typeof FAMILIES)[number] {
  const total = FAMILIES.reduce((s, f) => s + (WEIGHTS[f.name] ?? 1), 0);
  let x = rnd() * total;
  for (const f of FAMILIES) if ((x -= WEIGHTS[f.name] ?? 1) < 0) return f;
  return FAMILIES[FAMILIES.length - 1];
}

/** The worker, bundled once to plain JavaScript (a worker thread does not load TypeScript). */
async function buildWorker(): Promise<string> {
  const outfile = join(tmpdir(), `threadscape-fuzz-worker-${process.pid}.cjs`);
  await esbuild.build({
    entryPoints: [join(__dirname, 'fuzz-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/** The resident memory of a process, in bytes (Linux), or 0. */
function rssOf(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

type Stopped = 'killed' | 'out-of-memory' | 'crashed';

/** One worker process at a time; a worker that overruns, runs out of memory or crashes is replaced. */
class Runner {
  private child: ChildProcess;
  constructor(private readonly script: string) {
    this.child = this.spawn();
  }
  private spawn(): ChildProcess {
    return fork(this.script, [], {
      execArgv: [`--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  }
  /** Runs one input; resolves with its answer and the worker's peak resident memory. */
  run(job: FuzzJob): Promise<{ answer: FuzzAnswer | Stopped; peak: number }> {
    if (rssOf(this.child.pid) > FRESH_MB * 2 ** 20) {
      this.child.kill();
      this.child = this.spawn();
    }
    return new Promise((resolve) => {
      const c = this.child;
      let peak = rssOf(c.pid);
      let stderr = '';
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(c.pid))), 20);
      const onErr = (d: Buffer): void => {
        stderr += d.toString();
      };
      const done = (answer: FuzzAnswer | Stopped): void => {
        clearInterval(sampler);
        clearTimeout(timer);
        c.off('message', onMessage);
        c.off('exit', onExit);
        c.stderr?.off('data', onErr);
        peak = Math.max(peak, rssOf(c.pid));
        if (typeof answer === 'string') this.child = this.spawn();
        resolve({ answer, peak });
      };
      const onMessage = (a: FuzzAnswer): void => done(a);
      const onExit = (): void =>
        done(/heap out of memory|Reached heap limit/.test(stderr) ? 'out-of-memory' : 'crashed');
      const timer = setTimeout(() => {
        c.off('exit', onExit);
        c.kill('SIGKILL');
        done('killed');
      }, KILL_MS);
      c.on('message', onMessage);
      c.once('exit', onExit);
      c.stderr?.on('data', onErr);
      c.send(job);
    });
  }
  stop(): void {
    this.child.kill();
  }
}

async function main(): Promise<void> {
  const rnd = seeded(SEED);
  const script = await buildWorker();
  const runner = new Runner(script);
  const rows: Row[] = [];
  const counters = new Map<string, number>();
  let peakRss = 0;
  const start = performance.now();
  for (let id = 0; id < INPUTS; id++) {
    const family = draw(rnd);
    const index = counters.get(family.name) ?? 0;
    counters.set(family.name, index + 1);
    const text = family.make(rnd, 1);
    const t0 = performance.now();
    const { answer, peak: inputPeak } = await runner.run({ id, text });
    peakRss = Math.max(peakRss, inputPeak);
    const ms = typeof answer === 'string' ? performance.now() - t0 : answer.ms;
    const row: Row = { family: family.name, index, ms, peakMB: inputPeak / 2 ** 20, verdict: 'ok', detail: '' };
    if (typeof answer === 'string') row.verdict = answer;
    else if (answer.exception) [row.verdict, row.detail] = ['exception', answer.exception];
    else if (answer.problems.length) [row.verdict, row.detail] = ['problem', answer.problems[0]];
    if (row.verdict !== 'ok')
      console.log(
        `  ${row.verdict}: ${family.name} #${index} (${ms.toFixed(0)} ms) ${row.detail} ${JSON.stringify(text.slice(0, 160))}`,
      );
    rows.push(row);
  }
  runner.stop();
  rmSync(script, { force: true });
  report(rows, (performance.now() - start) / 1000, peakRss / 2 ** 20);
}

function report(rows: Row[], seconds: number, peakMB: number): void {
  const count = (v: Row['verdict']) => rows.filter((r) => r.verdict === v).length;
  const over = rows.filter((r) => r.ms > OVER_MS || r.verdict === 'killed');
  const worstTime = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
  const worstMem = rows.reduce((a, b) => (b.peakMB > a.peakMB ? b : a));
  console.log(`fuzz: ${rows.length} inputs in ${seconds.toFixed(1)} s: ${(rows.length / seconds).toFixed(1)} inputs/s`);
  console.log(
    `fuzz: exceptions ${count('exception') + count('crashed')}, range or output problems ${count('problem')}, ` +
      `runs over ${OVER_MS / 1000} s ${over.length} (stopped at ${KILL_MS / 1000} s: ${count('killed')}), out of memory ${count('out-of-memory')}`,
  );
  console.log(
    `fuzz: worst time ${(worstTime.ms / 1000).toFixed(2)} s (${worstTime.family} #${worstTime.index}), ` +
      `worst memory ${worstMem.peakMB.toFixed(0)} MB (${worstMem.family} #${worstMem.index}), peak RSS of any input ${peakMB.toFixed(0)} MB`,
  );
  console.log('fuzz: family            inputs   median ms   worst ms   worst MB   over 5 s   not ok');
  for (const f of FAMILIES) {
    const mine = rows.filter((r) => r.family === f.name);
    if (mine.length === 0) continue;
    const ms = mine.map((r) => r.ms).sort((a, b) => a - b);
    const cells = [
      f.name.padEnd(20),
      String(mine.length).padStart(8),
      ms[Math.floor(ms.length / 2)].toFixed(1).padStart(11),
      ms[ms.length - 1].toFixed(0).padStart(10),
      Math.max(...mine.map((r) => r.peakMB))
        .toFixed(0)
        .padStart(10),
      String(mine.filter((r) => r.ms > OVER_MS || r.verdict === 'killed').length).padStart(10),
      String(mine.filter((r) => r.verdict !== 'ok').length).padStart(8),
    ];
    console.log(`fuzz: ${cells.join(' ')}`);
  }
  const goal =
    count('exception') + count('crashed') === 0 && count('problem') === 0 && over.length === 0 && peakMB < 1024;
  console.log(
    `fuzz: goal (0 exceptions, every range inside its line, 0 runs over 5 s, peak under 1 GB) ${goal ? 'met' : 'not met'}`,
  );
  process.exitCode = count('exception') + count('crashed') + count('problem') > 0 ? 1 : 0;
}

void main();
