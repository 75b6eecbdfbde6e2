/**
 * Launching Debian's Chromium for the browser tests. Without the binary the tests are skipped
 * with one line, except under CI=true, where the launch is attempted and fails loudly.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A reason to skip the browser tests, or false to run them. */
export const browserSkip: string | false =
  existsSync(CHROMIUM) || process.env.CI === 'true' ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

/** Chromium headless as root, quiet, with a fresh profile (Playwright makes one per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
