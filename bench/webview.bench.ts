/**
 * The playback UI in real Chromium (headless, software rendering), on the standalone page as
 * `threadscape run --html` writes it, built from the production bundle:
 * - first paint of a 100,000-event run: from navigation to the first frame drawn after the run
 *   is shown (parse, unpack and derive the lanes, index, lay out, draw), median of 5 loads;
 * - scrubbing: the playhead moved to a new instant every animation frame for 3 seconds, with
 *   the Mapping tab (figure and wait-for graph) and the Steps tab (list and state) open: frames
 *   per second and the slowest frame;
 * - the page's size for a run of about 120,000 spans.
 * Goals: first paint < 1 s, scrubbing ≥ 30 frames per second, the page < 5 MB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { renderHtmlReport } from '../server/src/cli/html';
import { compile } from '../server/src/language';
import { simulate } from '../server/src/simulator';
import { launchChromium } from '../client/test/browser/chromium';
import { openPanel } from '../client/test/browser/panel-page';

/** Threads looping over compute, a mutex and io, on a quantum of 1: events grow with `iterations`. */
function scenario(threads: number, iterations: number): string {
  return `scenario "webview benchmark" {
  cpus 4
  policy rr
  quantum 2
  horizon 100000000
}
process server {
  model many_to_many
  lwps 4
  mutex m
  thread w[${threads}] { repeat ${iterations} { compute 1..3 lock m compute 1 unlock m io 2 } }
}
process logger {
  model one_to_one
  mutex log
  thread flush[2] { repeat ${iterations} { lock log compute 2 unlock log sleep 3 } }
}
`;
}

/** The production webview bundle and stylesheet (as dist/ has them after `npm run build -- --production`). */
function assets(): { script: string; style: string } {
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-bench-webview-'));
  buildSync({
    entryPoints: ['client/src/webview/main.ts'],
    outfile: join(dir, 'webview.js'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    define: { __THREADSCAPE_VERSION__: '"bench"' },
    logLevel: 'warning',
  });
  const out = {
    script: readFileSync(join(dir, 'webview.js'), 'utf8'),
    style: readFileSync(join(dir, 'webview.css'), 'utf8'),
  };
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/** A page for a run of about `n` events (or spans): iterations scaled from a short run. */
function page(
  n: number,
  built: { script: string; style: string },
  of: 'events' | 'spans' = 'events',
): { html: string; events: number; spans: number; message: unknown } {
  const run = (it: number) => {
    const text = scenario(12, it);
    const model = compile(text).model!;
    const result = simulate(model, { record: { events: true, spans: true }, scenarioName: 'bench.threads' });
    return { text, model, result, count: of === 'events' ? result.events!.length : result.spans!.length };
  };
  const probe = run(50);
  const { text, model, result } = run(Math.max(1, Math.round((50 * n) / probe.count)));
  const html = renderHtmlReport({ fileName: 'bench.threads', text, result, analysis: [] }, built);
  const message = {
    type: 'model',
    uri: 'file:///bench.threads',
    version: 1,
    fileName: 'bench.threads',
    model,
    diagnostics: [],
  };
  return { html, events: result.events!.length, spans: result.spans!.length, message };
}

// In-page code as strings: the TypeScript transform would add helpers the page lacks.
/**
 * Run in the page before its scripts: the instant (ms since navigation) of the first animation
 * frame after the run is shown (body[data-ready]), kept in window.__firstFrame.
 */
const WATCH_FIRST_FRAME = `new MutationObserver((_, o) => {
  if (document.body?.dataset.ready !== 'true') return;
  o.disconnect();
  requestAnimationFrame(() => { window.__firstFrame = performance.now(); });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });`;
const FIRST_FRAME =
  'new Promise((r) => { const w = () => window.__firstFrame ? r(window.__firstFrame) : setTimeout(w, 5); w(); })';
/** Ten animation frames. */
const SETTLE = 'new Promise((r) => { let n = 0; const f = () => (++n < 10 ? requestAnimationFrame(f) : r(0)); f(); })';
/** Moves the playhead to a new instant every frame for 3 s; the frames drawn, the time, the slowest frame. */
const SCRUB = `new Promise((resolve) => {
  const scrub = document.querySelector('.ts-scrub');
  const end = Number(scrub.max);
  const start = performance.now();
  let last = start, frames = 0, worst = 0;
  const step = (now) => {
    worst = Math.max(worst, now - last);
    last = now;
    frames++;
    scrub.value = String(Math.floor(((frames * 7919) % 1000) * (end / 1000)));
    scrub.dispatchEvent(new Event('input'));
    if (now - start < 3000) requestAnimationFrame(step);
    else resolve({ frames, ms: now - start, worst });
  };
  requestAnimationFrame(step);
})`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const built = assets();
  const dir = mkdtempSync(join(tmpdir(), 'threadscape-bench-page-'));
  const browser = await launchChromium();
  try {
    const run = page(100_000, built);
    const file = join(dir, 'run.html');
    writeFileSync(file, run.html);
    console.log(`run: ${run.events.toLocaleString('en-US')} events, ${run.spans.toLocaleString('en-US')} spans`);
    const firsts: number[] = [];
    for (let k = 0; k < 5; k++) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.addInitScript({ content: WATCH_FIRST_FRAME });
      await p.goto(`file://${file}`);
      await p.waitForSelector('body[data-ready="true"]');
      // The first frame drawn once the run is shown, counted from navigation (performance's origin).
      firsts.push(await p.evaluate<number>(FIRST_FRAME));
      await p.close();
    }
    console.log(
      `first paint, ${run.events.toLocaleString('en-US')} events: ${median(firsts).toFixed(0)} ms median (goal < 1000 ms); ${firsts.map((x) => x.toFixed(0)).join(', ')}`,
    );

    // The panel: the webview simulates the model itself (sliced), then paints.
    const panelTimes: number[] = [];
    for (let k = 0; k < 3; k++) {
      const { page: p } = await openPanel(browser, built, 'file:///bench.threads', undefined, {
        width: 1400,
        height: 900,
      });
      await p.addInitScript({ content: WATCH_FIRST_FRAME });
      await p.evaluate(WATCH_FIRST_FRAME);
      const start = await p.evaluate<number>('performance.now()');
      await p.evaluate((m) => window.postMessage(m, '*'), run.message);
      await p.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      panelTimes.push((await p.evaluate<number>(FIRST_FRAME)) - start);
      await p.close();
    }
    console.log(
      `panel, model to first frame (the webview simulates the ${run.events.toLocaleString('en-US')} events itself, then paints): ${median(panelTimes).toFixed(0)} ms median`,
    );

    for (const tab of ['mapping', 'steps']) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(`file://${file}`);
      await p.waitForSelector('body[data-ready="true"]');
      await p.click(`#ts-tab-${tab}`);
      // Let the page settle (its first frames drawn, its first collections done) before timing.
      await p.evaluate(SETTLE);
      const r = await p.evaluate<{ frames: number; ms: number; worst: number }>(SCRUB);
      console.log(
        `scrubbing, ${tab} tab: ${((r.frames * 1000) / r.ms).toFixed(1)} frames/s (goal ≥ 30), slowest frame ${r.worst.toFixed(0)} ms`,
      );
      await p.close();
    }

    // The page's size for a run of about 120,000 spans.
    const big = page(120_000, built, 'spans');
    console.log(
      `page size, ${big.spans.toLocaleString('en-US')} spans and ${big.events.toLocaleString('en-US')} events: ${(Buffer.byteLength(big.html) / 1e6).toFixed(2)} MB (goal < 5 MB; the bundle itself ${(Buffer.byteLength(built.script) / 1e6).toFixed(2)} MB)`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
