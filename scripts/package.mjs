#!/usr/bin/env node
// Packages the extension as a .vsix with vsce and prints its size.
//
//   node scripts/package.mjs               (npm run package) vsce package here: its prepublish step
//                                          is the production build into an emptied dist/
//   node scripts/package.mjs --staged DIR  the same package built in DIR: the production bundles
//                                          go to DIR/dist and the other shipped files are copied
//                                          there, so this checkout's dist/ is left alone (tests)
//
// The last line printed is `NAME.vsix: SIZE KB (BYTES bytes), N files`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixName = `${manifest.name}-${manifest.version}.vsix`;
const FLAGS = ['--allow-missing-repository', '--no-rewrite-relative-links', '--no-dependencies'];

function node(args, cwd) {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Packages in `dir` (a copy of what ships) and returns the .vsix path. */
function packageStaged(dir) {
  mkdirSync(dir, { recursive: true });
  const shipped = node([vsce, 'ls', '--no-dependencies'], root)
    .split('\n')
    .filter((f) => f && !f.startsWith('dist/'));
  for (const f of [...shipped, '.vscodeignore']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, f));
  }
  // The bundles are built here, so the copy's manifest has no prepublish step to run again.
  const staged = { ...manifest, scripts: {} };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  node(['esbuild.mjs', '--production', '--outdir', join(dir, 'dist')], root);
  const out = join(dir, vsixName);
  node([vsce, 'package', ...FLAGS, '--out', out], dir);
  return out;
}

function packageHere() {
  const out = join(root, vsixName);
  node([vsce, 'package', ...FLAGS, '--out', out], root);
  return out;
}

const at = process.argv.indexOf('--staged');
const vsix = at >= 0 ? packageStaged(resolve(process.argv[at + 1] ?? '')) : packageHere();
const bytes = statSync(vsix).size;
const files = node([vsce, 'ls', '--no-dependencies'], at >= 0 ? dirname(vsix) : root)
  .split('\n')
  .filter(Boolean).length;
console.log(`${vsix}: ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes), ${files} files`);
