// Emits every bundle; tsc only type-checks (`npm run typecheck`).
//   node esbuild.mjs               development build (source maps)
//   node esbuild.mjs --production  minified, no source maps, into an emptied dist/ (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change
//   --outdir DIR                   write the bundles into DIR instead of dist/
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outAt = process.argv.indexOf('--outdir');
const outdir = outAt >= 0 ? process.argv[outAt + 1] : 'dist';
if (!outdir || outdir.startsWith('--')) throw new Error('--outdir needs a folder');

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

const common = {
  define: { __THREADSCAPE_VERSION__: JSON.stringify(version) },
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: join(outdir, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: join(outdir, 'server.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: join(outdir, 'cli.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['client/src/webview/main.ts'],
    outfile: join(outdir, 'webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  // A production build starts from an empty folder, so no source map or stale file of an
  // earlier development build is packaged with it.
  if (production) rmSync(outdir, { recursive: true, force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync(join(outdir, 'cli.js'))) chmodSync(join(outdir, 'cli.js'), 0o755);
}
