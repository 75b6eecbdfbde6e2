/**
 * The panel's views of the mechanism in real Chromium, fed real runs of the samples through the
 * stubbed VS Code API: the wait-for graph, the priority bands, the editor's marks and "next
 * run", the step trace, and the layout at the width VS Code gives a panel beside the editor.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { compile } from '@server/language';
import type { HostMessage, ThreadMark } from '../../src/protocol';
import { browserSkip } from './chromium';
import { openPanel, useChromium, type PanelPage } from './panel-page';

const SAMPLES = join(__dirname, '../../../samples');
const URI = 'file:///work/sample.threads';

function sampleMessage(file: string): HostMessage {
  const model = compile(readFileSync(join(SAMPLES, file), 'utf8')).model;
  assert.ok(model, file);
  return { type: 'model', uri: URI, version: 1, fileName: file, model, diagnostics: [] };
}

const send = (page: Page, m: unknown) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
const seek = (page: Page, t: number) => page.getByLabel('Playhead (ticks)').fill(String(t));
const playhead = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.playhead));

describe('the panel shows the mechanism', { skip: browserSkip }, () => {
  const chromium = useChromium();

  async function show(file: string, viewport?: { width: number; height: number }): Promise<PanelPage> {
    const p = await openPanel(chromium.browser(), chromium.assets(), URI, undefined, viewport);
    await send(p.page, sampleMessage(file));
    await p.page.waitForSelector('body[data-ready="true"]');
    return p;
  }

  test("the five philosophers' cycle is in the graph at the deadlock instant, and not before", async () => {
    const { page, errors } = await show('dining-philosophers.threads');
    await seek(page, 0);
    await page.waitForSelector('.ts-graph-caption .ts-graph-key');
    assert.equal(await page.locator('.ts-edge-cycle').count(), 0, 'no cycle at 0');
    await page.getByRole('button', { name: 'Jump to the first deadlock or inversion' }).click();
    await page.waitForSelector('.ts-cycle');
    const caption = (await page.locator('.ts-cycle').textContent()) ?? '';
    for (let i = 0; i < 5; i++) assert.ok(caption.includes(`phil[${i}]`) && caption.includes(`fork[${i}]`), caption);
    assert.equal(await page.locator('.ts-edge-cycle').count(), 10, 'five waits and five holds, all on the cycle');
    assert.equal(await page.locator('.ts-node[data-kind="sync"][data-cycle="true"]').count(), 5);
    assert.equal(await page.locator('.ts-node[data-kind="thread"][data-cycle="true"]').count(), 5);
    const holds = await page
      .locator('path.ts-edge-holds')
      .evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-from')} > ${p.getAttribute('data-to')}`));
    assert.ok(holds.includes('sync:table:mutex:fork[1] > thread:table:phil[1]'), holds.join('; '));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the inheriting process: its owner lane carries the lifted band, its hover says from whom', async () => {
    const { page } = await show('priority-inversion.threads');
    await seek(page, 2);
    const lifted = page.locator('.ts-node[data-node="thread:inheriting:low"]');
    await page.waitForFunction(
      () =>
        document.querySelector('.ts-node[data-node="thread:inheriting:low"]')?.getAttribute('data-lifted') === 'true',
    );
    assert.equal(await lifted.locator('.ts-sub').textContent(), '↑10');
    assert.equal(
      await page.locator('.ts-node[data-node="thread:plain:low"]').getAttribute('data-lifted'),
      'false',
      'no protocol, no lift',
    );
    // The band on the canvas: hover inheriting/low's lane at t = 2.5 and read the tooltip.
    const label = page.locator('.ts-label[data-lane="thread:inheriting:low"]');
    const row = (await label.boundingBox())!;
    const canvas = (await page.locator('canvas.ts-canvas').boundingBox())!;
    const [start, span] = await page.evaluate(() => {
      const a = document.querySelector('.ts-axis');
      return [Number(a?.getAttribute('data-start')), Number(a?.getAttribute('data-span'))];
    });
    assert.ok(span > 0, 'the axis says the window it shows');
    await page.mouse.move(canvas.x + ((2.5 - start) / span) * canvas.width, row.y + row.height / 2);
    const tip = page.getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent()) ?? '';
    assert.match(text, /at priority 10, inherited from high/);
    assert.match(text, /priority 10, inherited from high/);
    await page.close();
  });

  test('the editor marks follow the playhead; "next run" moves the playhead there', async () => {
    const { page, posted } = await show('dining-philosophers.threads');
    await seek(page, 1);
    const marksAt = async (): Promise<ThreadMark[]> => {
      await page.waitForFunction(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'marks'),
      );
      const all = (await posted()).filter((m) => m.type === 'marks');
      const last = all[all.length - 1];
      return last.type === 'marks' ? last.marks : [];
    };
    const marks = await marksAt();
    assert.equal(marks.length, 5, 'a mark per philosopher');
    assert.deepEqual(
      marks.map((m) => m.colour),
      [0, 1, 2, 3, 4],
      'each in its own colour',
    );
    const text = readFileSync(join(SAMPLES, 'dining-philosophers.threads'), 'utf8').split('\n');
    const right = text.findIndex((l) => l.includes('lock fork[i+1]'));
    await send(page, { type: 'nextRun', position: { line: right, character: 6 } });
    await page.waitForFunction(() => Number(document.body.dataset.playhead) === 2);
    await page.waitForFunction((line) => {
      const all = (window as unknown as { __posted: { type: string; marks?: ThreadMark[] }[] }).__posted;
      const last = all.filter((m) => m.type === 'marks').pop();
      return last?.marks?.every((m) => m.range.start.line === line && m.state === 'blocked');
    }, right);
    await send(page, { type: 'nextRun', position: { line: 0, character: 0 } });
    await page.getByText('No thread reaches line 1').waitFor();
    assert.equal(await playhead(page), 2);
    await page.close();
  });

  test('the step trace lists every event; selecting one moves the playhead and shows the state', async () => {
    const { page } = await show('priority-inversion.threads');
    await page.locator('#ts-tab-steps').click();
    const rows = page.locator('.ts-step');
    await rows.first().waitFor();
    const total = await page.locator('.ts-step').first().getAttribute('aria-setsize');
    assert.ok(Number(total) > 20, `${total} events`);
    assert.ok((await rows.count()) < Number(total) + 1, 'only the rows in view exist');
    const row = page.locator('.ts-step[data-kind="preempt"]').first();
    const t = Number((await row.getAttribute('id'))?.replace('ts-step-', ''));
    await row.click();
    assert.equal(await row.getAttribute('aria-selected'), 'true');
    const at = await playhead(page);
    assert.ok(at >= 0 && Number.isFinite(t));
    await page.locator('.ts-state-at', { hasText: `t = ${at}` }).waitFor();
    const state = (await page.locator('.ts-state').textContent()) ?? '';
    assert.match(state, /Kernel ready queue/);
    assert.match(state, /held by low/);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (i) => document.querySelector(`#ts-step-${i + 1}`)?.getAttribute('aria-selected') === 'true',
      t,
    );
    await page.close();
  });

  test('a panel opened on a file that does not compile lists its errors', async () => {
    const { page } = await openPanel(chromium.browser(), chromium.assets(), URI);
    const error = {
      code: 'syntax',
      severity: 'error',
      message: "expected '}'",
      range: { start: { line: 3, character: 1 }, end: { line: 3, character: 4 } },
      time: null,
      relatedInformation: [],
    };
    await send(page, {
      type: 'model',
      uri: URI,
      version: 1,
      fileName: 'broken.threads',
      model: null,
      diagnostics: [error],
    });
    await page.getByText('broken.threads has 1 error: fix them to simulate.').waitFor();
    assert.equal(await page.locator('h1').textContent(), 'broken.threads');
    assert.equal(await page.locator('#ts-tab-diagnostics').getAttribute('aria-selected'), 'true');
    assert.deepEqual(await page.locator('.ts-diagnostics .ts-msg').allTextContents(), ["expected '}'"]);
    assert.equal(await page.locator('#ts-tab-diagnostics .ts-badge').textContent(), '1');
    await page.close();
  });

  test('at 500 px every part fits: nothing is wider than the window, the page does not scroll sideways', async () => {
    for (const file of ['priority-inversion.threads', 'sigwaiting.threads', 'dining-philosophers.threads']) {
      const { page } = await show(file, { width: 500, height: 900 });
      for (const tab of ['mapping', 'steps', 'diagnostics']) {
        await page.locator(`#ts-tab-${tab}`).click();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const wide = await page.evaluate(() => {
          const out: string[] = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth}`);
          for (const e of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
            // What a scrolling box holds may be wider: it scrolls inside the box.
            if (e.closest('.ts-figure-wrap, .ts-scroll, .ts-steps-list, .ts-tabpanel > .ts-source')) continue;
            const r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 0.5) out.push(`${e.tagName}.${e.className} right ${r.right}`);
          }
          return out;
        });
        assert.deepEqual(wide, [], `${file}, ${tab} tab`);
      }
      const timeline = (await page.locator('.ts-timeline').boundingBox())!;
      const side = (await page.locator('.ts-side').boundingBox())!;
      assert.ok(timeline.height > 150 && side.height > 150, 'the timeline and the tabs both keep room');
      assert.ok(side.y + side.height <= 900 + 1, 'the tabs stay in view: the page does not scroll');
      await page.close();
    }
  });
});
