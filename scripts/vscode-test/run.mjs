#!/usr/bin/env node
// The VS Code integration suite (`npm run test:vscode`).
//
//   1. API tests: client/test/vscode/suite.ts runs inside a real extension host, launched by
//      @vscode/test-electron's runTests (extensionDevelopmentPath + extensionTestsPath):
//      - here (the default) runTests starts code-server-launcher.mjs as its VS Code executable:
//        the same suite in the Node extension host of VS Code's server from code-server 4.139.1
//        (VS Code 1.139.1), its workbench in Debian's Chromium;
//      - with THREADSCAPE_VSCODE=download, runTests downloads desktop VS Code (1.139.x, or
//        THREADSCAPE_VSCODE_VERSION) and runs the suite there, where a network and a display
//        are available (under xvfb-run on a Linux server).
//   2. UI tests, with code-server only: the workbench driven through Chromium as a person would
//      (ui-panel.mjs on a folder of scenarios; ui-first-hour.mjs with no folder: walkthrough,
//      Open Sample…, the reference link, the quick fix). Screenshots in the cache's shots/.
//
//   node scripts/vscode-test/run.mjs   (installs what it needs first: scripts/vscode-test/setup.sh)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { explorationUiTest } from './ui-exploration.mjs';
import { firstHourUiTest } from './ui-first-hour.mjs';
import { panelUiTest } from './ui-panel.mjs';
import { cache, root, shots, startServer } from './workbench.mjs';

const download = process.env.THREADSCAPE_VSCODE === 'download';

function step(title, cmd, args) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal})`);
}

/** Runs the suite through runTests; returns how many of its tests passed and failed (from its output). */
async function apiTests(suite, workspace, dataDir) {
  const tally = { passed: 0, failed: 0 };
  const write = process.stdout.write.bind(process.stdout);
  // runTests forwards VS Code's output to ours: count the suite's lines as they pass.
  process.stdout.write = (chunk, ...rest) => {
    for (const line of String(chunk).split('\n')) {
      if (/^ok /.test(line)) tally.passed++;
      else if (/^FAIL/.test(line)) tally.failed++;
    }
    return write(chunk, ...rest);
  };
  const options = {
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, `--user-data-dir=${join(dataDir, 'api')}`, `--extensions-dir=${join(dataDir, 'api-ext')}`],
  };
  try {
    if (download) await runTests({ ...options, version: process.env.THREADSCAPE_VSCODE_VERSION ?? '1.139.1' });
    else
      await runTests({ ...options, vscodeExecutablePath: join(root, 'scripts/vscode-test/code-server-launcher.mjs') });
  } catch (e) {
    if (tally.failed === 0) tally.failed = 1;
    console.log(`runTests: ${e.message}`);
  } finally {
    process.stdout.write = write;
  }
  return tally;
}

async function main() {
  if (!download && !process.env.THREADSCAPE_VSCODE_SKIP_SETUP)
    step('set-up', 'bash', [join(root, 'scripts/vscode-test/setup.sh')]);
  if (!existsSync(join(root, 'dist/extension.js'))) step('build', process.execPath, ['esbuild.mjs']);
  mkdirSync(shots, { recursive: true });
  const suite = join(cache, 'out/suite.js');
  await esbuild.build({
    entryPoints: [join(root, 'client/test/vscode/suite.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'threadscape-vscode-'));
  const workspace = join(dataDir, 'workspace');
  mkdirSync(workspace);
  for (const dir of ['conformance', 'exploration']) {
    const fixtures = join(root, 'server/test/fixtures', dir);
    for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.threads')))
      cpSync(join(fixtures, f), join(workspace, f));
  }
  for (const dir of ['user/User', 'srv/data/Machine']) {
    mkdirSync(join(dataDir, dir), { recursive: true });
    cpSync(join(root, 'scripts/vscode-test/settings.json'), join(dataDir, dir, 'settings.json'));
  }

  const tallies = [];
  try {
    // THREADSCAPE_VSCODE_ONLY=ui skips the extension host tests (while working on the UI tests).
    if (process.env.THREADSCAPE_VSCODE_ONLY !== 'ui') {
      console.log(`\n== extension host tests (runTests, ${download ? 'desktop VS Code' : 'code-server launcher'})`);
      tallies.push(await apiTests(suite, workspace, dataDir));
    }
    if (!download) {
      const server = await startServer(dataDir);
      console.log(`\n== VS Code server on ${server.host}`);
      try {
        console.log('\n== workbench UI test');
        tallies.push(await panelUiTest(server.host, workspace, dataDir));
        console.log('\n== exploration UI test');
        tallies.push(await explorationUiTest(server.host, workspace, dataDir));
        console.log('\n== first hour UI test (no folder open)');
        tallies.push(await firstHourUiTest(server.host, dataDir));
      } finally {
        server.stop();
      }
    }
  } finally {
    if (!process.env.THREADSCAPE_VSCODE_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  console.log(`\nscreenshots: ${shots}`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`vscode-test: ${e.message}`);
  process.exit(1);
});
