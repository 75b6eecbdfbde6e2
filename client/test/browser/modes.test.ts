/**
 * The panel's step-by-step modes in Chromium, the host stubbed (panel-page.ts): a counterexample
 * replayed (playhead at the failing instant, departures flagged, stale or unfitting replays
 * refused), play the scheduler by keyboard, predict then reveal (nothing after the checkpoint in
 * the page before the answer), and compare models.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { explore } from '@server/explorer';
import { compile } from '@server/language';
import { parse } from '@server/language/parse';
import { writtenSettings } from '@server/teaching/override';
import type { Model } from '@server/language/model';
import type { FindingItem, HostMessage } from '../../src/protocol';
import { browserSkip } from './chromium';
import { openPanel, useChromium } from './panel-page';

const URI = 'file:///work/orders.threads';

/** The default run completes at t=7; when `left` thinks for 3 and `right` steps first at t=5, they deadlock. */
const ORDERS = `scenario "Two orders" { cpus 2 }
process app {
  model one_to_one
  mutex a
  mutex b
  thread left { compute 1..4 lock a compute 2 lock b unlock b unlock a }
  thread right { compute 5 lock b compute 2 lock a unlock a unlock b }
}
`;

function compiled(text: string): Model {
  const c = compile(text);
  assert.ok(c.model, JSON.stringify(c.diagnostics));
  return c.model;
}

function modelMessage(m: Model, fileName: string, version = 1, markedLines?: number[]): HostMessage {
  return { type: 'model', uri: URI, version, fileName, model: m, diagnostics: [], markedLines };
}

/** The explorer's findings for the scenario, as the host forwards them. */
function findingsOf(m: Model): FindingItem[] {
  return explore(m).findings.map((f) => ({
    code: f.code,
    message: f.message,
    time: f.time,
    choices: f.choices,
    departures: f.departures,
  }));
}

describe('panel modes (stubbed VS Code API)', { skip: browserSkip }, () => {
  const chromium = useChromium();
  const open = () => openPanel(chromium.browser(), chromium.assets(), URI, undefined, { width: 1000, height: 800 });
  const send = (page: Page, m: unknown) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const playhead = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.playhead));
  const frames = (page: Page) =>
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const status = (page: Page): Promise<string> => page.locator('.ts-status').innerText();

  async function started(text: string, fileName: string, markedLines?: number[]) {
    const p = await open();
    const m = compiled(text);
    await send(p.page, modelMessage(m, fileName, 1, markedLines));
    await p.page.waitForSelector('body[data-ready="true"]');
    return { ...p, model: m };
  }

  test('replay: the playhead at the failing instant, the departures flagged; a finding clicked replays it', async () => {
    const { page, model, errors, posted } = await started(ORDERS, 'orders.threads');
    assert.match(await page.locator('.ts-outcome').first().innerText(), /completed/, 'the default schedule completes');
    const findings = findingsOf(model);
    assert.equal(findings[0]?.code, 'deadlock-reachable');
    const f = findings[0];
    await send(page, { type: 'findings', uri: URI, version: 1, findings, search: { complete: false, states: 2 } });
    await send(page, { type: 'replay', uri: URI, version: 1, choices: f.choices, finding: f });
    await page.waitForSelector('.ts-replay');
    await page.waitForFunction((t) => Number(document.body.dataset.playhead) === t, f.time);
    assert.match(await page.locator('.ts-outcome').first().innerText(), /deadlock/);
    const flags = page.locator('.ts-stop[data-kind="departure"]');
    assert.equal(await flags.count(), (f.departures ?? []).length);
    assert.match((await flags.first().getAttribute('aria-label')) ?? '', /right steps first/);
    assert.match(await page.locator('.ts-replay').innerText(), /deadlock-reachable/);

    // Back to the default schedule, then the Findings tab: Enter on the finding replays it again.
    await page.getByRole('button', { name: 'Default schedule' }).click();
    await page.waitForFunction(() => !document.querySelector('.ts-replay'));
    // An edit that leaves the model as it was (a comment) keeps the findings, for the new version.
    await send(page, modelMessage(model, 'orders.threads', 2));
    await page.locator('#ts-tab-findings').click();
    const item = page.locator('.ts-findings button').first();
    await item.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.ts-replay');
    await page.waitForFunction((t) => Number(document.body.dataset.playhead) === t, f.time);

    await page.getByRole('button', { name: 'Save replay' }).click();
    const saved = (await posted()).filter((m) => m.type === 'saveReplay');
    assert.deepEqual(saved, [{ type: 'saveReplay', choices: f.choices }]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('replay: a stale version or a choice out of range is refused with a message, never applied', async () => {
    const { page, model, errors } = await started(ORDERS, 'orders.threads');
    const f = findingsOf(model)[0];
    const before = await playhead(page);
    await send(page, modelMessage(model, 'orders.threads', 2));
    await send(page, { type: 'replay', uri: URI, version: 1, choices: f.choices, finding: f });
    await page.waitForFunction(() => /ignored/.test(document.querySelector('.ts-status')?.textContent ?? ''));
    assert.match(await status(page), /version 1 .*changed since \(version 2\)/);
    assert.equal(await page.locator('.ts-replay').count(), 0);

    const wrong = f.choices.map((c, k) => (k === 1 ? { ...c, pick: 99 } : c));
    await send(page, { type: 'replay', uri: URI, version: 2, choices: wrong, finding: f });
    await page.waitForFunction(() => /does not fit/.test(document.querySelector('.ts-status')?.textContent ?? ''));
    assert.equal(await page.locator('.ts-replay').count(), 0, 'not applied');
    assert.match(await page.locator('.ts-outcome').first().innerText(), /completed/, 'the default run stays');
    assert.equal(await playhead(page), before);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('play the scheduler: a number key picks, Backspace undoes, Show me reaches a deadlock', async () => {
    const text = readFileSync('samples/dining-philosophers.threads', 'utf8');
    const { page, errors } = await started(text, 'dining-philosophers.threads');
    await send(page, { type: 'mode', mode: 'play' });
    await page.waitForSelector('.ts-alternatives button');
    const question = () => page.locator('.ts-play-q').innerText();
    assert.match(await question(), /^At t=0: Which thread steps first\?/);
    assert.match(await page.locator('.ts-alternatives').innerText(), /phil\[1\] steps first/);
    assert.equal(await page.locator('.ts-alternatives button').nth(1).getAttribute('aria-keyshortcuts'), '2');
    const undo = page.locator('.ts-play').getByRole('button', { name: /^Undo/ });
    assert.equal(await undo.isDisabled(), true);

    await page.keyboard.press('2');
    await page.waitForFunction(() => /\(1 pick\)/.test(document.body.innerText));
    await page.keyboard.press('1');
    await page.waitForFunction(() => /\(2 picks\)/.test(document.body.innerText));
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => /\(1 pick\)/.test(document.body.innerText));
    assert.equal(await page.locator('.ts-stop').count(), 1, 'the one pick flagged on the timeline');

    await page.locator('.ts-play select[aria-label="Goal"]').selectOption('deadlock');
    await page.getByRole('button', { name: 'Show me' }).click();
    await page.waitForFunction(() => document.querySelector('.ts-play-status')?.getAttribute('data-kind') === 'found');
    await page.waitForFunction(() =>
      /^The run has ended: deadlock/.test(document.querySelector('.ts-play-q')?.textContent ?? ''),
    );
    assert.match(await page.locator('.ts-outcome').first().innerText(), /deadlock/);
    // Focus stays visible on the controls: Tab reaches a button with an outline.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.matches(':focus-visible') ?? false), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('predict then reveal: nothing after the checkpoint is in the page before the answer; the score counts', async () => {
    const { page, errors } = await started(ORDERS.replace('compute 1..4', 'compute 4'), 'orders.threads');
    await send(page, { type: 'mode', mode: 'predict' });
    await page.waitForSelector('.ts-questions fieldset');
    assert.match(
      await page.locator('.ts-predict-h').innerText(),
      /^Checkpoint 1 of \d+ · t = 0$/,
      'the first decision',
    );
    // Every 5 ticks: the first checkpoint at t=5, the deadlock (t=7) after it.
    await page.locator('select[aria-label="Checkpoints"]').selectOption('every');
    await page.locator('input[aria-label="Ticks between checkpoints"]').fill('5');
    await page.locator('input[aria-label="Ticks between checkpoints"]').dispatchEvent('change');
    await page.waitForFunction(() => /t = 5$/.test(document.querySelector('.ts-predict-h')?.textContent ?? ''));
    const t = 5;
    // The Steps tab lists every event shown: the last ones before the checkpoint, none at or after it.
    await page.locator('#ts-tab-steps').click();
    await page.evaluate(() => document.querySelectorAll('.ts-steps *').forEach((e) => (e.scrollTop = 1e9)));
    await frames(page);
    const times = (await page.locator('.ts-step-t').allInnerTexts()).filter(Boolean).map((x) => Number(x.slice(2)));
    assert.ok(times.includes(4), `the events before the checkpoint are shown: ${times.join(',')}`);
    assert.deepEqual(
      times.filter((x) => x >= t),
      [],
      'no event at or after the checkpoint',
    );
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /deadlock|t=[6-9]\b/, 'neither the outcome nor a later instant is in the page');
    assert.equal(await page.locator('.ts-scrub').getAttribute('max'), String(t));
    assert.ok((await playhead(page)) <= t);

    await page.getByRole('button', { name: 'Check' }).click();
    assert.equal(await page.locator('.ts-questions [role="status"]').innerText(), 'Answer question 1 first.');
    assert.equal(await page.locator('.ts-verdict').count(), 0, 'an unanswered question is not checked');
    for (const f of await page.locator('.ts-questions fieldset').all()) {
      const radio = f.locator('input[type=radio]').first();
      if (await radio.count()) await radio.check();
      else await f.locator('input').first().fill('0');
    }
    await page.getByRole('button', { name: 'Check' }).click();
    await page.waitForSelector('.ts-verdict');
    assert.match(await page.locator('.ts-score').innerText(), /^Score: \d+ of \d+$/);
    // The last checkpoint answered: the rest of the run plays to its end, the outcome shown.
    await page.getByRole('button', { name: 'Reveal to the next checkpoint' }).click();
    await page.waitForFunction(() => /Every checkpoint passed/.test(document.body.innerText));
    await page.waitForFunction(() => Number(document.body.dataset.playhead) === 7);
    assert.match(await page.locator('.ts-outcome').first().innerText(), /^deadlock at t=7/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('predict then reveal: a statement marked // ? is where the panel stops', async () => {
    const text = ORDERS.replace('compute 1..4', 'compute 4').replace(
      '  thread right { compute 5 lock b compute 2 lock a unlock a unlock b }',
      '  thread right {\n    compute 5\n    lock b // ?\n    compute 2 lock a unlock a unlock b\n  }',
    );
    const lines = text.split('\n').flatMap((l, k) => (l.includes('// ?') ? [k] : []));
    const { page, errors } = await started(text, 'orders.threads', lines);
    await send(page, { type: 'mode', mode: 'predict' });
    await page.waitForSelector('.ts-questions fieldset');
    assert.equal(await page.locator('select[aria-label="Checkpoints"]').inputValue(), 'marks');
    assert.match(await page.locator('.ts-predict-h').innerText(), /^Checkpoint 1 of 1 · t = 5$/, 'right takes b at 5');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a reload restores the mode: the panel comes back in predict then reveal', async () => {
    const p = await openPanel(chromium.browser(), chromium.assets(), URI, {
      uri: URI,
      time: 0,
      speed: 1,
      mode: 'predict',
    });
    await send(p.page, modelMessage(compiled(ORDERS), 'orders.threads'));
    await p.page.waitForSelector('.ts-questions fieldset');
    assert.equal(await p.page.locator('.ts-modes [aria-pressed="true"]').innerText(), 'Predict, then reveal');
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  test('compare models: three runs stacked on one axis, each labelled with its model, the table under them', async () => {
    const text = readFileSync('samples/three-models.threads', 'utf8');
    const { page, errors } = await started(text, 'three-models.threads');
    await send(page, { type: 'mode', mode: 'compare' });
    await page.waitForSelector('.ts-cmp-table');
    assert.deepEqual(await page.locator('.ts-cmp-run .ts-cmp-model').allInnerTexts(), [
      'one_to_one',
      'many_to_one',
      'many_to_many',
    ]);
    assert.equal((await page.locator('.ts-cmp-run canvas').count()) >= 3, true);
    assert.ok((await page.locator('.ts-cmp-table tbody tr').count()) > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('compare models: the settings a model cannot take are noted where the file writes them', async () => {
    const text =
      'scenario "Dropped" { cpus 2 }\nprocess app {\n  model many_to_many\n  lwps 2\n  thread a bound { compute 3 }\n  thread b { compute 2 }\n}\n';
    const p = await open();
    await send(p.page, {
      ...modelMessage(compiled(text), 'dropped.threads'),
      written: writtenSettings(parse(text).ast),
    });
    await p.page.waitForSelector('body[data-ready="true"]');
    await send(p.page, { type: 'mode', mode: 'compare' });
    await p.page.waitForSelector('.ts-cmp-notes');
    assert.deepEqual(await p.page.locator('.ts-cmp-notes li').allInnerTexts(), [
      "one_to_one: dropped 'lwps 2' of process app (line 4)",
      "many_to_one: dropped 'lwps 2' of process app (line 4)",
      "many_to_one: dropped 'bound' of thread a of process app (line 5)",
    ]);
    await p.page.locator('.ts-cmp-notes button').last().click();
    const revealed = (await p.posted()).filter((m) => m.type === 'reveal');
    assert.equal(revealed.length, 1);
    assert.equal(revealed[0].type === 'reveal' && revealed[0].range.start.line, 4, 'the click reveals the setting');
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });
});
