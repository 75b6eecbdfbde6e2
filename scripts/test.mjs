#!/usr/bin/env node
// The test command (`npm test`): type-check, lint, format check, build, grammar scope tests, then every
// Node test file (unit, golden, conformance, language server, browser) in one `node --test` run.
//
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --quick PATH…   only the Node tests under PATH… (no type-check, lint; dist/ is built)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const roots = args.filter((a) => !a.startsWith('--'));

function run(title, cmd, cmdArgs) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: false });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function findTests(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    if (e === 'node_modules' || e === 'fixtures') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const npx = (bin) => join('node_modules', '.bin', bin);
if (!quick) {
  run('type-check (tsc -b)', npx('tsc'), ['-b']);
  run('lint (eslint)', npx('eslint'), ['.']);
  run('format (prettier --check)', npx('prettier'), ['--check', '--log-level=warn', '**/*.{ts,mjs,css,json}']);
}
// Tests that run the bundles (the CLI, the language server, the package) find dist/ built and
// current, whatever their order: no test builds it.
run('build (esbuild)', process.execPath, ['esbuild.mjs']);
if (!quick) {
  run('grammar scopes (vscode-tmgrammar-test)', npx('vscode-tmgrammar-test'), ['syntaxes/test/*.test.threads']);
}
// chevrotain's helper packages export only an "import" condition, and tsx loads them through
// require: --conditions=import lets require resolve them.
const files = (roots.length ? roots : ['server/test', 'client/test']).flatMap((r) =>
  r.endsWith('.test.ts') ? [r] : findTests(r),
);
run(`node tests (${files.length} files)`, process.execPath, [
  '--conditions=import',
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  ...files,
]);
