// The model checker against SPIN (Debian's `spin`, the classic Promela model in
// bench/spin/dining.pml), on the dining philosophers for N = 3, 5, 7, 9, 11, 13: the symmetric
// table (find the deadlock) and the ordered table (prove there is none), side by side in one run.
// Threadscape explores the scenario `thread phil[N] { compute 1..3 lock fork[i] compute 1 lock
// fork[i+1] compute 1 unlock fork[i+1] unlock fork[i] }` on N CPUs under one_to_one (timed, each
// philosopher eats once, think times drawn from 1..3); SPIN explores its untimed model, each
// philosopher looping forever. Printed per case: verdict, states stored, time to verdict (wall
// clock of the whole command, start-up included), memory, and the ratio Threadscape / SPIN.
//
// SPIN: `spin -DN=n [-DORDERED] -a`, `gcc -O2 -DSAFETY`, `./pan -m1000000` (no other flag), one
// run per case. Threadscape: `node dist/cli.js explore FILE --json` (the production build), with
// a time limit per case (THREADSCAPE_EXPLORE_LIMIT seconds, default 300); a search the limit
// stops is reported as incomplete with the ratio as a lower bound. When spin or gcc is missing
// the bench installs them with apt-get; if that fails it says so in one line and runs
// Threadscape alone. CI does not run this bench.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SIZES = (process.env.THREADSCAPE_EXPLORE_SIZES ?? '3,5,7,9,11,13').split(',').map(Number);
const LIMIT = Number(process.env.THREADSCAPE_EXPLORE_LIMIT ?? 300);
const ROOT = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'threadscape-explore-bench-'));

interface Figures {
  verdict: string;
  states: number | null;
  seconds: number;
  memoryMiB: number | null;
  complete: boolean;
}

function table(n: number, ordered: boolean): string {
  const body = (l: string, r: string) =>
    `{ compute 1..3 lock ${l} compute 1 lock ${r} compute 1 unlock ${r} unlock ${l} }`;
  const threads = ordered
    ? `  thread phil[${n - 1}] ${body('fork[i]', 'fork[i+1]')}\n  thread last ${body('fork[0]', `fork[${n - 1}]`)}`
    : `  thread phil[${n}] ${body('fork[i]', 'fork[i+1]')}`;
  return `scenario "dining ${n}" { cpus ${n} }\nprocess table {\n  model one_to_one\n  mutex fork[${n}]\n${threads}\n}\n`;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** SPIN and gcc, installed with apt-get when missing; false when they cannot be had. */
function spinReady(): boolean {
  if (has('spin') && has('gcc')) return true;
  spawnSync('apt-get', ['install', '-y', '-qq', 'spin', 'gcc'], { stdio: 'ignore' });
  return has('spin') && has('gcc');
}

/** Peak resident memory of a command (GNU time), its output and its wall-clock seconds. */
function timed(cmd: string, args: string[], cwd: string): { out: string; seconds: number; maxKiB: number | null } {
  const gnuTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const m = /MAXRSS (\d+)/.exec(r.stderr ?? '');
  return { out: r.stdout ?? '', seconds, maxKiB: m ? Number(m[1]) : null };
}

function spin(n: number, ordered: boolean): Figures {
  const dir = mkdtempSync(path.join(work, `spin-${n}-`));
  const flags = [`-DN=${n}`, ...(ordered ? ['-DORDERED'] : [])];
  spawnSync('spin', [...flags, '-a', path.join(ROOT, 'bench/spin/dining.pml')], { cwd: dir });
  spawnSync('gcc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c'], { cwd: dir });
  const r = timed('./pan', ['-m1000000'], dir);
  const errors = /errors: (\d+)/.exec(r.out);
  const states = /(\d+) states, stored/.exec(r.out);
  const mem = /([\d.]+)\s+total actual memory usage/.exec(r.out);
  return {
    verdict: errors && Number(errors[1]) > 0 ? 'deadlock' : 'no deadlock',
    states: states ? Number(states[1]) : null,
    seconds: r.seconds,
    memoryMiB: mem ? Number(mem[1]) : r.maxKiB !== null ? r.maxKiB / 1024 : null,
    complete: true,
  };
}

function threadscape(n: number, ordered: boolean): Figures {
  const file = path.join(work, `dining-${n}${ordered ? '-ordered' : ''}.threads`);
  writeFileSync(file, table(n, ordered));
  const cli = path.join(ROOT, 'dist/cli.js');
  const r = timed(process.execPath, [cli, 'explore', file, '--json', '--time-limit', String(LIMIT)], ROOT);
  const j = JSON.parse(r.out) as { states: number; complete: boolean; findings: { code: string }[] };
  const found = j.findings.some((f) => f.code === 'deadlock-reachable');
  return {
    verdict: found ? 'deadlock' : j.complete ? 'no deadlock' : 'no deadlock found (incomplete)',
    states: j.states,
    seconds: r.seconds,
    memoryMiB: r.maxKiB !== null ? r.maxKiB / 1024 : null,
    complete: j.complete || found,
  };
}

const fmt = (f: Figures) =>
  `${f.verdict}, ${f.states?.toLocaleString('en-US') ?? '?'} states, ${f.seconds.toFixed(2)} s, ` +
  `${f.memoryMiB === null ? '?' : f.memoryMiB.toFixed(1)} MiB`;

if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
  console.log('explore bench: dist/cli.js is missing (npm run bench builds it first)');
  process.exit(1);
}
const withSpin = spinReady();
if (!withSpin)
  console.log('explore bench: spin or gcc is not available (apt-get install spin gcc failed); Threadscape alone');
console.log(`explore bench: per-case time limit ${LIMIT} s; times are wall clock of the whole command`);
for (const ordered of [false, true]) {
  for (const n of SIZES) {
    const ours = threadscape(n, ordered);
    const line = [`N=${String(n).padStart(2)} ${ordered ? 'ordered  ' : 'symmetric'}`, `Threadscape: ${fmt(ours)}`];
    if (withSpin) {
      const theirs = spin(n, ordered);
      const ratio = ours.seconds / theirs.seconds;
      line.push(`SPIN: ${fmt(theirs)}`);
      line.push(
        `ratio ${ours.complete ? '' : '> '}${ratio.toFixed(ratio < 10 ? 2 : 0)}` +
          (ours.verdict.startsWith(theirs.verdict) ? '' : ' (verdicts differ)'),
      );
    }
    console.log(line.join(' | '));
  }
}
