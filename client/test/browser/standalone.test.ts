/** The standalone report page (`threadscape run --html`) in real Chromium. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '@server/cli/html';
import { compile } from '@server/language';
import { simulate } from '@server/simulator';
import { sampleRun } from '../fixtures/sample-run';
import { buildWebview, type BuiltWebview } from './build-webview';
import { browserSkip, launchChromium } from './chromium';

const EVIL = '<img src=x onerror=alert(1)>';
const TEXT = [
  '// sample',
  'scenario "x" {',
  '  cpus 2',
  '}',
  'process server {',
  '  mutex queue',
  '}',
  '',
  '',
  '',
  '',
  '  thread printer { compute 5 }',
  '',
].join('\n');

describe('standalone report page', { skip: browserSkip }, () => {
  let browser: Browser;
  let assets: BuiltWebview;
  let dir: string;

  before(async () => {
    [browser, assets] = await Promise.all([launchChromium(), buildWebview()]);
    dir = mkdtempSync(join(tmpdir(), 'threadscape-page-'));
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report of the sample run; records dialogs, page errors and requests. */
  async function open(
    title?: string,
    fileName = 'sample.threads',
    text = TEXT,
  ): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.html`);
    const html = renderHtmlReport({ fileName, text, result: sampleRun(title), analysis: [] }, assets, 'TESTNONCE');
    writeFileSync(file, html);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, dialogs, errors, requests };
  }

  const playhead = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.playhead));

  test('lanes and the mapping figure show every thread, LWP and CPU as text', async () => {
    const { page, errors, requests } = await open();
    const laneNames = await page.locator('.ts-label[data-kind="thread"] .ts-name').allTextContents();
    assert.deepEqual(laneNames, ['reader', 'worker[0]', 'worker[1]', 'printer', 'flush']);
    assert.deepEqual(await page.locator('.ts-label[data-kind="cpu"] .ts-name').allTextContents(), ['CPU 0', 'CPU 1']);
    assert.equal(await page.locator('.ts-label[data-kind="mutex"]').count(), 1);
    const figThreads = await page.locator('.ts-node[data-kind="thread"] .ts-name').allTextContents();
    assert.deepEqual(figThreads, ['reader', 'worker[0]', 'worker[1]', 'printer', 'flush']);
    assert.equal(await page.locator('.ts-node[data-kind="lwp"]').count(), 3);
    assert.equal(await page.locator('.ts-node[data-kind="klt"]').count(), 3);
    assert.equal(await page.locator('.ts-node[data-kind="cpu"]').count(), 2);
    const canvas = await page.locator('canvas.ts-canvas').boundingBox();
    assert.ok(canvas && canvas.width > 300 && canvas.height > 200, "the canvas has the lanes' size");
    assert.deepEqual(errors, []);
    assert.deepEqual(
      requests.filter((u) => !u.startsWith('file://')),
      [],
      'no network',
    );
    await page.close();
  });

  test('play advances the playhead; keys step, jump to the ends, change speed', async () => {
    const { page } = await open();
    assert.equal(await playhead(page), 0);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => Number(document.body.dataset.playhead) > 0.5);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('h1').click();
    await page.keyboard.press('End');
    assert.equal(await playhead(page), 24);
    await page.keyboard.press('Home');
    assert.equal(await playhead(page), 0);
    await page.keyboard.press('ArrowRight');
    assert.equal(await playhead(page), 2);
    await page.keyboard.press('Shift+ArrowRight');
    assert.equal(await playhead(page), 3);
    const speed = await page.getByLabel('Playback speed').inputValue();
    await page.keyboard.press('+');
    assert.ok(Number(await page.getByLabel('Playback speed').inputValue()) > Number(speed));
    // The figure follows the playhead: at 8 the reader is in io on LWP 1.
    await page.getByLabel('Playhead (ticks)').fill('8');
    await page.waitForFunction(
      () => document.querySelector('.ts-node[data-node="thread:server:reader"]')?.getAttribute('data-state') === 'io',
    );
    assert.equal(await page.locator('path[data-link="thread:server:reader"]').getAttribute('data-on'), 'true');
    assert.equal(await page.locator('path[data-link="thread:server:printer"]').getAttribute('data-on'), 'false');
    await page.close();
  });

  test('clicking a diagnostic shows its line and moves to its tick', async () => {
    const { page } = await open();
    await page.locator('#ts-tab-diagnostics').click();
    await page.locator('.ts-diagnostics button[data-code="starvation"]').click();
    assert.equal(await page.locator('#ts-tab-source').getAttribute('aria-selected'), 'true', 'the source is shown');
    assert.deepEqual(await page.locator('.ts-source .ts-hit').allTextContents(), ['  thread printer { compute 5 }']);
    assert.equal(await playhead(page), 19);
    await page.close();
  });

  test('a file whose lines end with a lone CR shows the same lines', async () => {
    for (const eol of ['\r', '\r\n']) {
      const { page } = await open(undefined, 'sample.threads', TEXT.replace(/\n/g, eol));
      await page.locator('#ts-tab-diagnostics').click();
      await page.locator('.ts-diagnostics button[data-code="starvation"]').click();
      assert.deepEqual(await page.locator('.ts-source .ts-hit').allTextContents(), ['  thread printer { compute 5 }']);
      await page.close();
    }
  });

  test('the axis lines up with the lanes, in a narrow window too', async () => {
    const { page } = await open();
    for (const width of [1200, 420]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction(
        () => {
          const a = document.querySelector('canvas.ts-axis')!.getBoundingClientRect();
          const c = document.querySelector('canvas.ts-canvas')!.getBoundingClientRect();
          return a.left === c.left && a.width === c.width;
        },
        undefined,
        { timeout: 5000 },
      );
      const label = await page.locator('.ts-labels').boundingBox();
      const canvas = await page.locator('canvas.ts-canvas').boundingBox();
      assert.ok(
        label && canvas && Math.abs(label.x + label.width - canvas.x) <= 1,
        `labels end where the canvas starts at ${width}px`,
      );
    }
    await page.close();
  });

  test('hovering a bar shows what it is', async () => {
    const { page } = await open();
    const box = (await page.locator('canvas.ts-canvas').boundingBox())!;
    // CPU 0 is the first lane under the CPUs heading (22 px), 20 px high; tick 8 of a 24.48-tick window.
    await page.mouse.move(box.x + (8 / 24.48) * box.width, box.y + 22 + 10);
    const tip = page.getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.textContent();
    assert.match(text ?? '', /CPU 0/);
    assert.match(text ?? '', /worker\[0\]/);
    await page.close();
  });

  test('a recording stopped at its cap says where it stops, and hatches what was not recorded', async () => {
    const text =
      'scenario "cap" { cpus 1 policy rr quantum 1 }\nprocess p { model one_to_one thread w[3] { repeat 20 { compute 1 } } }\n';
    const model = compile(text).model!;
    const result = simulate(model, { record: { events: true, spans: true, maxEvents: 40 } });
    assert.equal(result.recording?.complete, false);
    const file = join(dir, 'capped.html');
    writeFileSync(file, renderHtmlReport({ fileName: 'cap.threads', text, result, analysis: [] }, assets, 'TESTNONCE'));
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]');
    const note = (await page.locator('.ts-recording').textContent()) ?? '';
    assert.match(note, new RegExp(`^Recorded up to t=${result.recording!.until} only`));
    assert.match(note, new RegExp(`whole run to t=${result.endTime}`));
    const steps = await page.evaluate(() => document.querySelectorAll('.ts-step').length);
    assert.equal(steps, 0, 'the Steps tab is closed: its rows are drawn on demand');
    await page.locator('#ts-tab-steps').click();
    const total = Number(await page.locator('.ts-step').first().getAttribute('aria-setsize'));
    assert.equal(total, result.events!.length, 'the step trace lists what was recorded');
    await page.close();
  });

  test('a hostile title and file name render as text, never as markup', async () => {
    const { page, dialogs, errors } = await open(EVIL, `${EVIL}.threads`);
    assert.equal(await page.locator('h1').textContent(), EVIL);
    assert.equal(await page.title(), `Threadscape: ${EVIL}`);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('#ts-tab-source').textContent(), `${EVIL}.threads`);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
