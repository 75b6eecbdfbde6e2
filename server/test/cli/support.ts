/** Running the built command in a child process, with files in a fresh temporary folder. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distFile } from '../support/dist';

export const CLI = distFile('cli.js');

export interface Ran {
  out: string;
  err: string;
  code: number | null;
}

/** Runs `threadscape ARGS…` to its end. */
export function threadscape(args: string[], options: SpawnSyncOptions = {}): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options });
  return { out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), code: r.status };
}

/** A fresh folder and a function writing files into it. */
export function scratch(prefix: string): { dir: string; file(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
