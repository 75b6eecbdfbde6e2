// The workbench driven as a person would, on a folder of scenarios: a scenario opened, its
// squiggle, the Problems panel, the status bar, the playback panel's webview found among the
// page's frames, a click on its diagnostic revealing the statement, the panel restored after a
// reload, and an edit re-running it (screenshots in the cache folder's shots/).
import { join } from 'node:path';
import {
  checks,
  extensionUrl,
  launchBrowser,
  loadWorkbench,
  openFile,
  runCommand,
  settles,
  shots,
  statusBar,
  webviewFrame,
} from './workbench.mjs';

/** Returns the tally of the checks. */
export async function panelUiTest(host, workspace, dataDir) {
  const url = extensionUrl(host, workspace);
  const ctx = await launchBrowser(dataDir, 'ui');
  const tally = checks('ui');
  const check = tally.check;
  try {
    const page = await loadWorkbench(ctx, url);
    await openFile(page, 'dining-three.threads');
    const squiggle = await settles(page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }));
    check('the deadlock is underlined in the editor', squiggle);
    await page.keyboard.press('Control+Shift+M');
    const row = await settles(
      page.waitForSelector('.markers-panel .monaco-list-row:has-text("deadlock")', { timeout: 30000 }),
    );
    check('the Problems panel lists the deadlock', row);
    await page.screenshot({ path: join(shots, 'ui-diagnostics.png') });
    await runCommand(page, 'Threadscape: Simulate');
    const frame = await webviewFrame(page, '.ts-outcome');
    check('Threadscape: Simulate shows the playback panel', frame !== null);
    if (frame) {
      const named = await settles(
        frame.waitForFunction(
          () => /phil\[0\]/.test(document.body.innerText) && /phil\[2\]/.test(document.body.innerText),
          null,
          { timeout: 30000 },
        ),
      );
      check('the panel names the philosophers', named);
      check('the panel shows the outcome', /^deadlock at t=1\b/.test((await frame.textContent('.ts-outcome')) ?? ''));
      const status = await statusBar(page, /deadlock at t=1/, 30000);
      check('the status bar gives the outcome', status);
      // The diagnostics are in their tab.
      await frame.click('#ts-tab-diagnostics');
      await frame.click('.ts-diagnostics button[data-code="deadlock"]');
      const revealed = await statusBar(page, /Ln 13, Col \d+ \(14 selected\)/, 30000);
      check('clicking the deadlock in the panel selects its lock in the editor', revealed);
      await page.screenshot({ path: join(shots, 'ui-panel.png') });
      // Reload the window as a user does (the workbench saves its state, the panel's included,
      // before it reloads): the serializer restores the panel from its saved state.
      const reloaded = page.waitForEvent('load', { timeout: 90000 });
      await runCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
      const restored = await webviewFrame(page, '.ts-outcome');
      check('the panel is restored after a reload', restored !== null);
      if (!restored) await page.screenshot({ path: join(shots, 'ui-not-restored.png') });
      if (restored) {
        // An edit re-runs the simulation: a thread that computes longer moves the end of the run.
        const before = await restored.getAttribute('.ts-scrub', 'max');
        await page.click('.editor-instance .monaco-editor .view-lines');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nprocess extra { thread t { compute 30 } }\n');
        const rerun = await settles(
          restored.waitForFunction((b) => document.querySelector('.ts-scrub')?.getAttribute('max') !== b, before, {
            timeout: 30000,
          }),
        );
        check('an edit re-runs the simulation in the panel', rerun);
        await page.screenshot({ path: join(shots, 'ui-edited.png') });
      }
    }
  } catch (e) {
    check(`the workbench responds (${e.message.split('\n')[0]})`, false);
  } finally {
    await ctx.close();
  }
  return tally;
}
