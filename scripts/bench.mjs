#!/usr/bin/env node
// `npm run bench`: runs every benchmark under bench/ (bench/*.bench.ts) in turn, in one process
// each, after a production build. Prints the machine first so figures can be compared.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';

const only = process.argv.slice(2);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`,
);
const b = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(1);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
// --conditions=import: chevrotain's helper packages export only an "import" condition (see test.mjs).
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--conditions=import', '--import', 'tsx', `bench/${f}`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
