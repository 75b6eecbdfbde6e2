// The exploration tier in the workbench, as a person sees it: a deadlock only some schedule
// reaches, underlined, with its ▶ Play counterexample lens and the status bar's words; then a
// scenario proved free of deadlock, its proof in the lens and the status bar (screenshots in the
// cache folder's shots/); last, a click on the lens opens the panel replaying the deadlock.
import { join } from 'node:path';
import {
  checks,
  codeLens,
  extensionUrl,
  launchBrowser,
  loadWorkbench,
  openFile,
  settles,
  shots,
  statusBar,
  webviewFrame,
} from './workbench.mjs';

/** Returns the tally of the checks. */
export async function explorationUiTest(host, workspace, dataDir) {
  const url = extensionUrl(host, workspace);
  const ctx = await launchBrowser(dataDir, 'ui-exploration');
  const tally = checks('exploration');
  const check = tally.check;
  try {
    const page = await loadWorkbench(ctx, url);
    await openFile(page, 'opposite-orders.threads');
    check(
      'the reachable deadlock is underlined',
      await settles(page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 })),
    );
    check('the status bar says a deadlock is reachable', await statusBar(page, /reachable: deadlock at t=\d+/));
    check(
      'the lens offers to play the counterexample',
      await codeLens(page, /▶ Play counterexample: deadlock at t=\d+/),
    );
    await page.screenshot({ path: join(shots, 'ui-exploration-found.png') });
    await openFile(page, 'dining-three-ordered.threads');
    check('the status bar gives the proof', await statusBar(page, /no deadlock.* in any schedule/));
    check('the lens gives the proof', await codeLens(page, /no deadlock.* in any schedule: [\d,]+ states?/));
    await page.screenshot({ path: join(shots, 'ui-exploration-proof.png') });
    // Last: the panel takes the keyboard's focus from the editor.
    await openFile(page, 'opposite-orders.threads');
    await page.click('.codelens-decoration a:has-text("Play counterexample")');
    const frame = await webviewFrame(page, '.ts-outcome');
    check('the lens opens the panel', frame !== null);
    if (frame) {
      const deadlocked = await settles(
        frame.waitForFunction(() => /deadlock/.test(document.body.innerText), null, { timeout: 30000 }),
      );
      check('the panel replays the deadlock', deadlocked);
      await page.screenshot({ path: join(shots, 'ui-exploration-played.png') });
    }
  } catch (e) {
    check(`the workbench responds (${e.message.split('\n')[0]})`, false);
  } finally {
    await ctx.close();
  }
  return tally;
}
