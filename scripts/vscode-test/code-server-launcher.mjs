#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests launches
// (its `vscodeExecutablePath`), for machines where desktop VS Code cannot be downloaded: it runs
// the same test module in the Node extension host of VS Code's server from code-server
// (VS Code 1.139.1), with the workbench opened in Debian's Chromium.
//
// It takes the arguments runTests passes to VS Code: an optional folder to open,
// --extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir= (where it keeps the
// server's and the browser's data) and switches meant for Electron, which it ignores. VS Code
// calls the test module's run() in the extension host and reports its result through the smoke
// test driver's exit hook; the launcher prints the suite's output and exits with that code, as
// `code` would.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, remote, root, shots, startServer, workbenchUrl } from './workbench.mjs';

const TIMEOUT_MS = 240000;

function parseArgs(argv) {
  const opts = { folder: null, development: null, tests: null, userData: null };
  for (const a of argv) {
    const m = /^--([\w-]+)=(.*)$/.exec(a);
    if (m?.[1] === 'extensionDevelopmentPath') opts.development = m[2];
    else if (m?.[1] === 'extensionTestsPath') opts.tests = m[2];
    else if (m?.[1] === 'user-data-dir') opts.userData = m[2];
    else if (!a.startsWith('-')) opts.folder = a;
  }
  if (!opts.development || !opts.tests) throw new Error('needs --extensionDevelopmentPath= and --extensionTestsPath=');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dataDir = opts.userData ?? mkdtempSync(join(tmpdir(), 'threadscape-launcher-'));
  for (const dir of ['user/User', 'srv/data/Machine']) {
    mkdirSync(join(dataDir, dir), { recursive: true });
    cpSync(join(root, 'scripts/vscode-test/settings.json'), join(dataDir, dir, 'settings.json'));
  }
  const server = await startServer(dataDir);
  const ctx = await launchBrowser(dataDir, 'exthost');
  const noise = [];
  let code = 1;
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const exit = new Promise((res) => {
      // The suite's own lines are printed; the workbench's offline noise is kept for a failure.
      page
        .exposeFunction('codeAutomationLog', (_type, args) => {
          const line = args.map(String).join(' ');
          if (/^(ok |FAIL|vscode: )/.test(line)) console.log(line);
          else if (!/^vscode:/.test(line)) noise.push(line);
        })
        .catch(() => {});
      page.exposeFunction('codeAutomationExit', (c) => res(c)).catch(() => {});
    });
    const entries = [
      ['extensionDevelopmentPath', remote(server.host, opts.development)],
      ['extensionTestsPath', remote(server.host, opts.tests)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server.host, opts.folder, entries));
    const result = await Promise.race([exit, new Promise((res) => setTimeout(() => res('timeout'), TIMEOUT_MS))]);
    if (result === 'timeout') {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'api-timeout.png') });
      console.log(noise.slice(-40).join('\n'));
      console.error(`the extension host tests did not finish in ${TIMEOUT_MS / 1000} s`);
    } else {
      code = Number(result);
      if (code !== 0) console.log(noise.slice(-40).join('\n'));
    }
  } finally {
    await ctx.close();
    server.stop();
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(`code-server-launcher: ${e.message}`);
  process.exit(1);
});
