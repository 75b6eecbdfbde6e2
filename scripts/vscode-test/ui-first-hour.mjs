// A newcomer's first hour in the workbench, with no folder open: the walkthrough, its button
// opening a sample as an untitled copy, the diagnostic and its link to the reference, Simulate,
// the quick fix that ends the deadlock (and completes the walkthrough's step), and Open Sample….
// Screenshots go to the cache folder's shots/; with THREADSCAPE_README_SCREENSHOT=1 the editor
// with its panel is also written to media/screenshot.png (the README's picture).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checks,
  codeLens,
  extensionUrl,
  launchBrowser,
  loadWorkbench,
  root,
  runCommand,
  settles,
  shots,
  statusBar,
  webviewFrame,
} from './workbench.mjs';

/** The 1-based line of the `### \`code\`` heading of the diagnostics reference. */
function headingLine(code) {
  const lines = readFileSync(join(root, 'docs/reference/diagnostics.md'), 'utf8').split('\n');
  return lines.indexOf(`### \`${code}\``) + 1;
}

/** Moves the mouse onto the first error squiggle (and clicks there, putting the cursor on it). */
async function pointAtSquiggle(page, click = false) {
  const squiggle = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30000 });
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle is not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  if (click) await page.mouse.click(x, y);
}

/** Opens the quick fix menu at the cursor (Ctrl+.) and returns its row titled like `title`. */
async function quickFixMenu(page, title) {
  // The menu opens once the code actions at the cursor are known: ask again if it did not.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    const row = await page
      .waitForSelector(`.action-widget .monaco-list-row:has-text("${title}")`, { timeout: 10000 })
      .catch(() => null);
    if (row || attempt === 2) return row ?? Promise.reject(new Error(`no quick fix ${title}`));
    await page.keyboard.press('Escape');
  }
}

/** Opens the walkthrough from the palette. */
async function openWalkthrough(page) {
  await runCommand(page, 'Welcome: Open Walkthrough');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
  await page.keyboard.type('Threadscape');
  await page.click('.quick-input-list .monaco-list-row:has-text("Get Started with Threadscape")', { timeout: 20000 });
}

/**
 * The walkthrough's steps in order (package.json), each with what shows its page: the heading
 * of its Markdown (in a webview), or its image by its text alternative.
 */
const STEPS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes.walkthroughs[0].steps.map(
  (s) => ({
    id: s.id,
    heading: s.media.markdown && /^# (.+)$/m.exec(readFileSync(join(root, s.media.markdown), 'utf8'))[1],
    alt: s.media.altText,
  }),
);

/** Whether the page of a step shows. */
async function stepPageShows(page, { heading, alt }) {
  if (heading) return (await webviewFrame(page, `h1:has-text("${heading}")`)) !== null;
  return settles(page.waitForSelector(`img[alt="${alt}"]`, { state: 'visible', timeout: 20000 }));
}

const tab = (page, name) =>
  settles(page.waitForSelector(`.tabs-container .tab:has-text("${name}")`, { timeout: 30000 }));

/** Returns the tally of the checks. */
export async function firstHourUiTest(host, dataDir) {
  const url = extensionUrl(host, null);
  const ctx = await launchBrowser(dataDir, 'first-hour', { width: 1280, height: 800 });
  const tally = checks('first hour');
  const check = tally.check;
  const shot = (name) => page.screenshot({ path: join(shots, name) });
  let page;
  try {
    page = await loadWorkbench(ctx, url);

    await openWalkthrough(page);
    const titles = [
      'Open a sample',
      'See a diagnostic',
      'Simulate',
      'Fix the deadlock with a quick fix',
      'Explore every schedule',
    ];
    const walkthrough = await settles(
      page.waitForFunction((ts) => ts.every((t) => document.body.innerText.includes(t)), titles, { timeout: 30000 }),
    );
    check('the walkthrough opens with its five steps', walkthrough);
    const media = await webviewFrame(page, 'text=The samples');
    check("the first step's page lists the samples", media !== null);
    await shot('first-hour-walkthrough.png');

    // Every step as a newcomer sees it, its page beside the list (the page shows while the
    // walkthrough is wide enough: before the panel takes half the window).
    let pages = 0;
    for (const [i, step] of STEPS.entries()) {
      const id = step.id;
      await page.locator(`.getting-started-step[data-step-id$="${id}"] .step-title`).click();
      await page.waitForSelector(`.getting-started-step.expanded[data-step-id$="${id}"]`, { timeout: 20000 });
      if (await stepPageShows(page, step)) pages++;
      await shot(`first-hour-step-${i + 1}-${id}.png`);
    }
    check(`each of the ${STEPS.length} steps shows its page`, pages === STEPS.length);
    await page.locator(`.getting-started-step[data-step-id$="${STEPS[0].id}"] .step-title`).click();

    await page.getByText('Open the Dining Philosophers', { exact: true }).first().click();
    check('its button opens the sample as an untitled copy', await tab(page, 'dining-philosophers.threads'));
    const squiggle = await settles(page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }));
    check('the copy is checked and simulated: the deadlock is underlined', squiggle);
    await shot('first-hour-sample.png');

    await runCommand(page, 'Threadscape: Simulate');
    const frame = await webviewFrame(page, '.ts-outcome');
    check(
      'Simulate plays the untitled copy back',
      frame !== null && /^deadlock\b/.test((await frame.textContent('.ts-outcome')) ?? ''),
    );
    await shot('first-hour-panel.png');
    if (process.env.THREADSCAPE_README_SCREENSHOT) await page.screenshot({ path: join(root, 'media/screenshot.png') });

    // The code of a diagnostic, in its hover, opens the reference at its section.
    await pointAtSquiggle(page);
    const link = await page.waitForSelector('.monaco-hover .code-link', { timeout: 30000 });
    const code = (await link.textContent())?.trim() ?? '';
    await link.click();
    const opened =
      (await tab(page, 'diagnostics.md')) && (await statusBar(page, new RegExp(`Ln ${headingLine(code)},`)));
    check(`the code ${code} in the hover opens its section of the reference`, opened);
    await shot('first-hour-reference.png');

    // The quick fix on the deadlock: one global lock order, and the run completes.
    await page.click('.tabs-container .tab:has-text("dining-philosophers.threads")');
    await pointAtSquiggle(page, true);
    const fix = await quickFixMenu(page, 'Split phil[4] off');
    await shot('first-hour-quick-fix.png');
    await fix.click();
    const completed = await settles(
      frame.waitForFunction(() => /^completed\b/.test(document.querySelector('.ts-outcome')?.textContent ?? ''), null, {
        timeout: 30000,
      }),
    );
    check('the quick fix splits the last philosopher off and the run completes', completed);
    const proved = /no deadlock, hang, fault or unbounded priority inversion in any schedule/;
    const proof = (await statusBar(page, proved)) && (await codeLens(page, proved));
    check('the exploration then proves no deadlock in any schedule (status bar and lens)', proof);
    await shot('first-hour-fixed.png');

    await openWalkthrough(page);
    const done = await settles(
      page.waitForSelector('.getting-started-step[data-step-id$="fixDeadlock"] .codicon-getting-started-step-checked', {
        timeout: 30000,
      }),
    );
    check('the walkthrough marks the fix step done', done);
    const seen = await settles(
      page.waitForSelector(
        '.getting-started-step[data-step-id$="seeDiagnostic"] .codicon-getting-started-step-checked',
        {
          timeout: 10000,
        },
      ),
    );
    check('and the diagnostic step, the deadlock having been on screen', seen);
    await shot('first-hour-walkthrough-done.png');

    // The last step's button, with the walkthrough in front of the scenario: that scenario's panel.
    const explore = page.locator('.getting-started-step[data-step-id$="explore"]');
    await explore.locator('.step-title').click();
    await explore.getByText('Play the Scheduler', { exact: true }).click();
    const playing = await settles(frame.waitForSelector('.ts-play-q', { state: 'visible', timeout: 30000 }));
    const explored = await settles(
      page.waitForSelector('.getting-started-step[data-step-id$="explore"] .codicon-getting-started-step-checked', {
        timeout: 30000,
      }),
    );
    check("the last step's Play the Scheduler plays the fixed scenario and completes the step", playing && explored);
    await shot('first-hour-play.png');

    // From the editor: the walkthrough's page (a webview) may take the focus as it loads, and a
    // quick pick closes when it loses the focus.
    await page.click('.tabs-container .tab:has-text("dining-philosophers.threads")');
    await runCommand(page, 'Threadscape: Open Sample');
    const listed = await settles(
      page.waitForFunction(
        () => {
          const text = document.querySelector('.quick-input-list')?.textContent ?? '';
          return text.includes('Dining philosophers') && text.includes('dining-philosophers.threads');
        },
        null,
        { timeout: 30000 },
      ),
    );
    check('Open Sample… lists the samples by title and file', listed);
    await shot('first-hour-open-sample.png');
    // Type once the quick pick has the focus (it takes it a moment after it shows).
    await page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') != null, null, {
      timeout: 20000,
    });
    await page.keyboard.type('SIGWAITING');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("sigwaiting.threads")', { timeout: 20000 });
    await page.keyboard.press('Enter');
    check('the picked sample opens as an untitled copy', await tab(page, 'sigwaiting.threads'));
  } catch (e) {
    if (page) await shot('first-hour-error.png').catch(() => {});
    check(`the workbench responds (${e.message.split('\n')[0]})`, false);
  } finally {
    await ctx.close();
  }
  return tally;
}
