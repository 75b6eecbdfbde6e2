#!/usr/bin/env node
// Screenshots of the VS Code panel's webview in one of its modes, for a look by eye: the panel's
// own HTML and CSP with a stubbed host (client/test/browser/panel-page.ts), sent a scenario's
// model, then driven as a user would. Light, dark (the page's fallback colours follow the colour
// scheme) and VS Code's high contrast, at a panel's width and a wide window.
//
//   node --conditions=import --import tsx scripts/panel-screenshots.mjs FILE.threads
//        --mode replay|play|predict|compare [--keys 1,2] [--out DIR] [--widths 500,1400] [--height 900] [--themes light,dark,hc]
//
// replay: the explorer's first finding replayed (and listed in the Findings tab); play: the picks of
// --keys, by key; predict: the first checkpoint answered; compare: the models compared.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { compile } from '../server/src/language/index.ts';
import { explore } from '../server/src/explorer/index.ts';
import { markedLines } from '../server/src/teaching/checkpoints.ts';
import { writtenSettings } from '../server/src/teaching/override.ts';
import { parse } from '../server/src/language/parse.ts';
import { buildWebview } from '../client/test/browser/build-webview.ts';
import { launchChromium } from '../client/test/browser/chromium.ts';
import { openPanel } from '../client/test/browser/panel-page.ts';
import { HC } from './hc-theme.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const mode = opt('--mode', 'replay');
const outDir = resolve(opt('--out', join(tmpdir(), 'threadscape-panel-shots')));
const widths = opt('--widths', '500,1400').split(',').map(Number);
const height = Number(opt('--height', '900'));
const themes = opt('--themes', 'light,dark,hc').split(',');
const keys = opt('--keys', '1,2').split(',');
const file = args[0];
if (!file) {
  console.error('usage: panel-screenshots.mjs FILE.threads --mode replay|play|predict|compare');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const { model, diagnostics } = compile(text);
if (!model) {
  console.error(`${file}: does not compile`);
  process.exit(1);
}
const uri = `file:///work/${basename(file)}`;
const modelMessage = {
  type: 'model',
  uri,
  version: 1,
  fileName: basename(file),
  model,
  diagnostics,
  markedLines: markedLines(text),
  written: writtenSettings(parse(text).ast),
};
let findings = [];
if (mode === 'replay') {
  const found = explore(model, { maxSchedules: 20000 });
  findings = found.findings.map((f) => ({
    code: f.code,
    message: f.message,
    time: f.time,
    choices: f.choices,
    departures: f.departures,
  }));
  if (findings.length === 0) {
    console.error(`${file}: the exploration finds nothing to replay`);
    process.exit(1);
  }
}

mkdirSync(outDir, { recursive: true });
const [browser, assets] = await Promise.all([launchChromium(), buildWebview()]);
const frames = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
try {
  for (const theme of themes) {
    for (const width of widths) {
      const { page, errors } = await openPanel(browser, assets, uri, undefined, { width, height });
      await page.emulateMedia({ colorScheme: theme === 'light' ? 'light' : 'dark' });
      if (theme === 'hc') await page.evaluate(HC);
      const send = (m) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
      await send(modelMessage);
      await page.waitForSelector('body[data-ready="true"]');
      if (mode === 'replay') {
        await send({ type: 'findings', uri, version: 1, findings });
        await send({ type: 'replay', uri, version: 1, choices: findings[0].choices, finding: findings[0] });
        await page.waitForSelector('.ts-replay');
      } else if (mode === 'play') {
        await send({ type: 'mode', mode: 'play' });
        await page.waitForSelector('.ts-alternatives button');
        // The picks of --keys, one key each, then the run shows up to the choice after them.
        for (const [k, key] of keys.entries()) {
          if ((await page.locator('.ts-alternatives button').count()) === 0) break;
          await page.keyboard.press(key);
          await page.waitForFunction((n) => new RegExp(`\\(${n} picks?\\)`).test(document.body.innerText), k + 1);
        }
        await page.waitForSelector('body[data-ready="true"]');
      } else if (mode === 'predict') {
        await send({ type: 'mode', mode: 'predict' });
        await page.waitForSelector('.ts-questions fieldset');
        // Every question answered: the first choice offered, or 3.
        for (const f of await page.locator('.ts-questions fieldset').all()) {
          const radio = f.locator('input[type=radio]').first();
          if (await radio.count()) await radio.check();
          else await f.locator('input').first().fill('3');
        }
        await page.getByRole('button', { name: 'Check' }).click();
        await page.waitForSelector('.ts-verdict');
      } else if (mode === 'compare') {
        await send({ type: 'mode', mode: 'compare' });
        await page.waitForSelector('.ts-cmp-run');
      }
      await frames(page);
      const shot = join(outDir, `${mode}-${theme}-${width}.png`);
      await page.screenshot({ path: shot });
      console.log(shot, errors.length ? `errors: ${errors.join('; ')}` : '');
      await page.close();
    }
  }
} finally {
  await browser.close();
}
