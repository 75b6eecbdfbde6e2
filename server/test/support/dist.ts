/**
 * The built bundles some tests run (dist/cli.js, dist/server.js). `scripts/test.mjs` builds
 * dist/ before any test starts, also under --quick; a test never builds it itself (a build
 * halfway through a run would change the files other tests are reading).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

/**
 * The absolute path of a bundle of dist/, checked to exist and to be newer than the sources it
 * is built from; throws a clear message otherwise.
 */
export function distFile(name: string): string {
  const path = join(ROOT, 'dist', name);
  let built = 0;
  try {
    built = statSync(path).mtimeMs;
  } catch {
    throw new Error(`${path} is missing: build first (node esbuild.mjs, or run the tests through scripts/test.mjs)`);
  }
  if (built < newestMtime(join(ROOT, 'server/src')))
    throw new Error(`${path} is older than server/src: build first (node esbuild.mjs)`);
  return path;
}
