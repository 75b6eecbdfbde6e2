/** Running the built `threadscape` command in a child process, as a user does. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../../dist/cli.js');
export const SAMPLES = resolve(__dirname, '../../../samples');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `threadscape ARGS…` (dist/cli.js must be built). */
export function threadscape(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string | null = null;

/** Writes a scenario into a fresh temporary folder; returns its path. */
export function scenarioFile(name: string, text: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'threadscape-teaching-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
