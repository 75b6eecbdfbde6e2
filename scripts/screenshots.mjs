#!/usr/bin/env node
// Screenshots of the standalone playback page in light, dark and high-contrast themes, at a
// panel's width beside the editor (500 px) and a wide window (1400 px), for a look by eye.
//
//   node --conditions=import --import tsx scripts/screenshots.mjs [FILE.threads] [--out DIR] [--time T]
//        [--tab mapping|steps|diagnostics|source] [--widths 500,1400] [--height 900] [--themes light,dark,hc]
//   node --conditions=import --import tsx scripts/screenshots.mjs --page threadscape-demo.html
//
// The high-contrast theme is VS Code's, emulated: its body class and theme variables.
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
import { HC } from './hc-theme.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const outDir = resolve(opt('--out', join(tmpdir(), 'threadscape-shots')));
const time = Number(opt('--time', 'NaN'));
const tab = opt('--tab', undefined);
const widths = opt('--widths', '500,1400').split(',').map(Number);
const height = Number(opt('--height', '900'));
const themes = opt('--themes', 'light,dark,hc').split(',');
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
  for (const theme of themes) {
    for (const width of widths) {
      const ctx = await browser.newContext({
        colorScheme: theme === 'light' ? 'light' : 'dark',
        viewport: { width, height },
      });
      const p = await ctx.newPage();
      const tag = `${theme}-${width}`;
      p.on('console', (m) => console.log(`[${tag}] console ${m.type()}: ${m.text()}`));
      p.on('pageerror', (e) => console.log(`[${tag}] page error: ${e.message}`));
      await p.goto(`file://${page}`);
      await p.waitForSelector('body[data-ready="true"]');
      if (theme === 'hc') await p.evaluate(HC);
      if (tab) await p.click(`#ts-tab-${tab}`);
      if (Number.isFinite(time)) {
        await p.evaluate((t) => {
          const s = document.querySelector('.ts-scrub');
          s.value = String(t);
          s.dispatchEvent(new Event('input'));
        }, time);
      } else {
        for (let k = 0; k < 3; k++) await p.keyboard.press('ArrowRight');
      }
      // Two animation frames: the canvas and the figure have drawn the playhead's instant.
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const shot = join(outDir, `${tag}${tab ? `-${tab}` : ''}.png`);
      await p.screenshot({ path: shot, fullPage: true });
      console.log(shot);
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
