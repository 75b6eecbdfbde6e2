/**
 * The webview bundle as the panel loads it (the panel's own HTML and CSP, served from a stand-in
 * webview origin), with a stubbed acquireVsCodeApi: the host's side of the protocol is played
 * by the test through window messages.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { compile } from '@server/language';
import type { Model } from '@server/language/model';
import type { HostMessage } from '../../src/protocol';
import { openPanel, useChromium } from './panel-page';
import { browserSkip } from './chromium';

const URI = 'file:///work/opposite.threads';
const EVIL = '<img src=x onerror=alert(1)>';

const SCENARIO = (title: string, work = 2) => `// Two threads take two mutexes in opposite orders.
scenario "${title.replace(/["\\]/g, '\\$&')}" {
  cpus 2
}

process app {
  model one_to_one
  mutex a block
  mutex b block
  thread left { lock a compute ${work} lock b unlock b unlock a }
  thread right { lock b compute ${work} lock a unlock a unlock b }
  thread bystander { compute 9 }
}
`;

function model(text: string): Model {
  const c = compile(text);
  assert.ok(c.model, `the scenario compiles: ${JSON.stringify(c.diagnostics)}`);
  return c.model;
}

function modelMessage(m: Model | null, version = 1): HostMessage {
  return { type: 'model', uri: URI, version, fileName: 'opposite.threads', model: m, diagnostics: [] };
}

describe('webview in a panel (stubbed VS Code API)', { skip: browserSkip }, () => {
  const chromium = useChromium();

  const open = (state?: unknown) => openPanel(chromium.browser(), chromium.assets(), URI, state);

  const send = (page: Page, m: unknown) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const playhead = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.playhead));

  test('says ready, simulates the model it is sent, and lays out every thread', async () => {
    const { page, posted, errors } = await open();
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    await send(page, modelMessage(model(SCENARIO('Opposite orders'))));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('h1').textContent(), 'Opposite orders');
    assert.match((await page.locator('.ts-outcome').textContent()) ?? '', /^deadlock at t=\d+/);
    assert.deepEqual(await page.locator('.ts-label[data-kind="thread"] .ts-name').allTextContents(), [
      'left',
      'right',
      'bystander',
    ]);
    assert.deepEqual(await page.locator('.ts-node[data-kind="thread"] .ts-name').allTextContents(), [
      'left',
      'right',
      'bystander',
    ]);
    assert.deepEqual(errors, [], "the bundle runs under the panel's CSP");
    await page.close();
  });

  test('play advances; jump to the deadlock; a click on a diagnostic posts reveal', async () => {
    const { page, posted } = await open();
    await send(page, modelMessage(model(SCENARIO('Opposite orders'))));
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => Number(document.body.dataset.playhead) > 0);
    await page.getByRole('button', { name: 'Jump to the first deadlock or inversion' }).click();
    assert.equal(await playhead(page), 2);
    await page.locator('#ts-tab-diagnostics').click();
    const diag = page.locator('.ts-diagnostics button[data-code="deadlock"]').first();
    await diag.click();
    const reveal = (await posted()).find((m) => m.type === 'reveal');
    assert.ok(reveal && reveal.type === 'reveal');
    assert.equal(reveal.range.start.line, 9, 'the lock b of left (0-based line 9)');
    const state = await page.evaluate(() => (window as unknown as { __state: { uri: string } }).__state);
    assert.equal(state.uri, URI);
    await page.close();
  });

  test('an edit re-runs and keeps the playhead; a model with errors keeps the last run', async () => {
    const { page } = await open();
    await send(page, modelMessage(model(SCENARIO('Opposite orders'))));
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('h1').click();
    await page.keyboard.press('Shift+ArrowRight');
    assert.equal(await playhead(page), 1);
    const before = await page.getByLabel('Playhead (ticks)').getAttribute('max');
    await send(page, modelMessage(model(SCENARIO('Opposite orders', 5)), 2));
    await page.waitForFunction((max) => document.querySelector('.ts-scrub')?.getAttribute('max') !== max, before);
    assert.equal(await playhead(page), 1);
    await send(page, {
      type: 'model',
      uri: URI,
      version: 3,
      fileName: 'opposite.threads',
      model: null,
      diagnostics: [],
    });
    await page.getByText('showing the last run that worked').waitFor();
    assert.equal(await page.locator('.ts-label[data-kind="thread"]').count(), 3);
    await page.close();
  });

  test('malformed messages are ignored', async () => {
    const { page, errors } = await open();
    for (const bad of [
      null,
      'model',
      { type: 'model' },
      { type: 'model', uri: URI, version: 1, fileName: 'x', model: { title: 7 }, diagnostics: [] },
      { type: 'eval', code: 'alert(1)' },
    ]) {
      await send(page, bad);
    }
    await send(page, modelMessage(model(SCENARIO('Fine'))));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('h1').textContent(), 'Fine');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a hostile scenario title renders as text', async () => {
    const { page, dialogs } = await open();
    await send(page, modelMessage(model(SCENARIO(EVIL))));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('h1').textContent(), EVIL);
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  test('a restored state brings back the playhead and speed', async () => {
    const { page } = await open({ uri: URI, time: 1, speed: 5 });
    await send(page, modelMessage(model(SCENARIO('Opposite orders'))));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await playhead(page), 1);
    assert.equal(await page.getByLabel('Playback speed').inputValue(), '5');
    await page.close();
  });
});
