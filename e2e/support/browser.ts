import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's chromium, driven by playwright-core: no browser download, which this machine cannot do. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser suites can run; when not, `suite` is named in one loud SKIPPED line. */
export function hasChromium(suite: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) console.warn(`\n!!! e2e: ${CHROMIUM} not found, the ${suite} browser suite is SKIPPED (apt-get install chromium)\n`);
  return found;
}

/**
 * Headless chromium with the flags a root container without a GPU or network needs: no
 * sandbox (root), and nothing that phones home while a test runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
