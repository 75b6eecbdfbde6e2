#!/usr/bin/env node
// Screenshots of the standalone playback page in light and dark schemes, for a look by eye.
//
//   node --conditions=import --import tsx scripts/screenshots.mjs [FILE.threads] [--out DIR] [--time T]
//   node --conditions=import --import tsx scripts/screenshots.mjs --page threadscape-demo.html
//
// Without FILE it shows the hand-written run of client/test/fixtures/sample-run.ts. Builds the
// webview from source; needs Chromium at /usr/bin/chromium (or CHROMIUM=path);
// Playwright gives the browser a fresh profile of its own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { renderHtmlReport } from '../server/src/cli/html.ts';
import { buildWebview } from '../client/test/browser/build-webview.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const outDir = resolve(opt('--out', join(tmpdir(), 'threadscape-shots')));
const time = Number(opt('--time', 'NaN'));
const existing = opt('--page', undefined);
const file = args[0];

let input;
if (existing) {
  input = null;
} else if (file) {
  const { compile } = await import('../server/src/language/index.ts');
  const { simulate } = await import('../server/src/simulator/index.ts');
  const text = readFileSync(file, 'utf8');
  const { model, diagnostics } = compile(text);
  if (!model) {
    console.error(`${file}: ${diagnostics.length} diagnostics, no model`);
    process.exit(1);
  }
  const result = simulate(model, { record: { events: true, spans: true }, scenarioName: basename(file) });
  input = { fileName: basename(file), text, result, model };
} else {
  const { sampleRun } = await import('../client/test/fixtures/sample-run.ts');
  input = { fileName: 'sample.threads', text: '// the hand-written sample run\n', result: sampleRun(), model: null };
}

mkdirSync(outDir, { recursive: true });
const page = existing ? resolve(existing) : join(outDir, 'report.html');
if (!existing) writeFileSync(page, renderHtmlReport(input, await buildWebview()));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
});
try {
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    p.on('console', (m) => console.log(`[${scheme}] console ${m.type()}: ${m.text()}`));
    p.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    await p.goto(`file://${page}`);
    await p.waitForSelector('body[data-ready="true"]');
    if (Number.isFinite(time)) {
      await p.evaluate((t) => {
        const s = document.querySelector('.ts-scrub');
        s.value = String(t);
        s.dispatchEvent(new Event('input'));
      }, time);
    } else {
      await p.keyboard.press('ArrowRight');
      await p.keyboard.press('ArrowRight');
      await p.keyboard.press('ArrowRight');
    }
    await p.waitForTimeout(400);
    const shot = join(outDir, `${scheme}.png`);
    await p.screenshot({ path: shot, fullPage: true });
    console.log(shot);
    await ctx.close();
  }
} finally {
  await browser.close();
}
