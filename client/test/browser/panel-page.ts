/**
 * The webview bundle as the panel loads it (the panel's own HTML and CSP, served from a stand-in
 * webview origin), with a stubbed acquireVsCodeApi: the test plays the host's side of the
 * protocol through window messages and reads what the webview posted.
 */
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../src/panel/html';
import type { WebviewMessage } from '../../src/protocol';
import { buildWebview, type BuiltWebview } from './build-webview';
import { launchChromium } from './chromium';

const ORIGIN = 'https://webview.test';

export interface PanelPage {
  page: Page;
  /** What the webview posted so far. */
  posted: () => Promise<WebviewMessage[]>;
  errors: string[];
  dialogs: string[];
}

/** Opens the panel's page for the document `uri`, with a saved `state` to restore. */
export async function openPanel(
  browser: Browser,
  assets: BuiltWebview,
  uri: string,
  state?: unknown,
  viewport?: { width: number; height: number },
): Promise<PanelPage> {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // A string, not a function: the test runner's transform would add helpers the page lacks.
  await page.addInitScript({
    content: `window.__posted = []; window.__state = ${JSON.stringify(state ?? null)};
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });`,
  });
  const html = panelHtml({
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/dist/webview.js`,
    styleUri: `${ORIGIN}/dist/webview.css`,
    nonce: 'bm9uY2Utbm9uY2U=',
    title: 'Simulation',
    uri,
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('/index.html')) return route.fulfill({ contentType: 'text/html', body: html });
    if (url.endsWith('/dist/webview.js')) return route.fulfill({ contentType: 'text/javascript', body: assets.script });
    if (url.endsWith('/dist/webview.css')) return route.fulfill({ contentType: 'text/css', body: assets.style });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
  );
  return { page, posted, errors, dialogs };
}

/** Chromium and the webview bundle for the tests of a `describe` block (launched before, closed after). */
export function useChromium(): { browser: () => Browser; assets: () => BuiltWebview } {
  let browser: Browser | undefined;
  let assets: BuiltWebview | undefined;
  before(async () => {
    [browser, assets] = await Promise.all([launchChromium(), buildWebview()]);
  });
  after(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser!,
    assets: () => assets!,
  };
}
