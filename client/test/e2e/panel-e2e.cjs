// The playback panel in a real VS Code (code-server, or any VS Code served to a browser) with
// the extension installed: open a scenario, run Threadscape: Simulate, look inside the webview,
// run the command again (one panel per document), click a diagnostic (the editor selects the
// statement), edit (the run updates), reload the window (the serializer restores the panel).
//
//   VSCODE_URL=http://127.0.0.1:8089 WORKSPACE=/path/to/folder SHOTS=/tmp/shots node client/test/e2e/panel-e2e.cjs
//
// WORKSPACE must hold a copy of samples/dining-philosophers.threads (the test edits it). Start
// the server without authentication and with workspace trust disabled. Not part of `npm test`:
// it needs a VS Code server, which the test machines do not have by default.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const BASE = process.env.VSCODE_URL || 'http://127.0.0.1:8089';
const WORKSPACE = process.env.WORKSPACE;
if (!WORKSPACE) {
  console.error('panel-e2e: set WORKSPACE to a folder holding dining-philosophers.threads');
  process.exit(2);
}
const URL = `${BASE}/?folder=${WORKSPACE}`;
const SHOTS = process.env.SHOTS || require('node:os').tmpdir();
fs.mkdirSync(SHOTS, { recursive: true });
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
async function findFrame(page, selector, tries = 60) {
  for (let i = 0; i < tries; i++) {
    for (const f of page.frames()) {
      try { if (await f.$(selector)) return f; } catch {}
    }
    await page.waitForTimeout(500);
  }
  return null;
}
async function palette(page, text) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
  await page.keyboard.type(text);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${text}"]`, { timeout: 15000 });
  await page.keyboard.press('Enter');
}
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' && !/vsda|open-vsx|github|ENOTFOUND/i.test(m.text())) log('console.error:', m.text().slice(0, 300)); });
  let ok = true;
  const check = (name, cond) => { log(cond ? 'ok  ' : 'FAIL', name); ok = ok && !!cond; };
  try {
    await page.goto(URL);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench loaded');
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type('dining-philosophers.threads');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 20000 });
    await page.waitForTimeout(3000);
    log('editor open');
    await palette(page, 'Threadscape: Simulate');
    const frame = await findFrame(page, '.ts-outcome');
    check('webview shows a run', frame);
    if (frame) {
      check('outcome deadlock', (await frame.textContent('.ts-outcome')) === 'deadlock');
      const lanes = await frame.$$eval('.ts-label[data-kind="thread"] .ts-name', (els) => els.map((e) => e.textContent));
      check(`thread lanes ${lanes}`, lanes.length === 5);
      await page.screenshot({ path: `${SHOTS}/01-panel.png` });
      await page.click('.editor-instance .monaco-editor .view-lines');
      await palette(page, 'Threadscape: Simulate');
      await page.waitForTimeout(1500);
      const tabs = await page.$$eval('.tab', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      check(`one panel per document (${tabs.join(' / ')})`, tabs.filter((t) => /Simulation/.test(t)).length === 1);
      await frame.click('.ts-diagnostics button[data-code="deadlock"]');
      await page.waitForTimeout(1500);
      const status = await page.$$eval('.statusbar-item', (els) => els.map((e) => e.textContent).join(' | '));
      log('status bar:', status.slice(0, 300));
      check('reveal selected the lock line', /Ln 21, Col 19 \(14 selected\)/.test(status));
      await page.screenshot({ path: `${SHOTS}/02-reveal.png` });
      // Edit: make the first compute longer; the run re-runs.
      const before = await frame.getAttribute('.ts-scrub', 'max');
      await page.click('.editor-instance .monaco-editor .view-lines');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nprocess extra { thread t { compute 30 } }\n');
      let after = before;
      for (let i = 0; i < 40 && after === before; i++) { await page.waitForTimeout(250); after = await frame.getAttribute('.ts-scrub', 'max'); }
      check(`edit re-ran (end ${before} -> ${after})`, after !== before);
      await page.screenshot({ path: `${SHOTS}/03-edited.png` });
      await page.keyboard.press('Control+S');
      await page.waitForTimeout(1000);
    }
    // Reload the window: the serializer restores the panel.
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const restored = await findFrame(page, '.ts-outcome', 80);
    check('panel restored after reload', restored);
    await page.screenshot({ path: `${SHOTS}/04-restored.png` });
  } catch (e) {
    ok = false; log('ERROR', e.message);
    try { await page.screenshot({ path: `${SHOTS}/99-error.png` }); } catch {}
  } finally {
    await browser.close();
  }
  log(ok ? 'PANEL E2E PASS' : 'PANEL E2E FAIL');
  process.exit(ok ? 0 : 1);
})();
