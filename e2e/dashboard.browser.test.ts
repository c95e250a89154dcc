import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { REGION } from './support/irsa-setup.js';

// The dashboard in a real browser against a real `eksid up`: decisions made through the STS
// API must show up live (server-sent events, no reload), denied ones highlighted and their
// trace expandable. Debian's chromium, driven by playwright-core (no browser download).
const canRun = hasChromium('dashboard');

/** Where the screenshot lands: test-output/ at the repository root (git-ignored). */
const OUTPUT = join(import.meta.dirname, '..', 'test-output');
const ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-app';
const UI_MS = 10_000;

/** The part of the browser's window the page functions below use (this tsconfig has no DOM types). */
interface StyleWindow {
  getComputedStyle(el: unknown): { color: string; borderLeftColor: string; backgroundColor: string };
}

describe.skipIf(!canRun)('dashboard in a browser', () => {
  let eksid: EksidProcess;
  let browser: Browser;
  let page: Page;
  let sts: STSClient;

  beforeAll(async () => {
    // examples/demo.yaml: cluster demo, IRSA role demo-app trusted by default/app only.
    [eksid, browser] = await Promise.all([
      startEksid({ config: 'examples/demo.yaml' }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    sts = new STSClient({ endpoint: eksid.url, region: REGION, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    sts?.destroy();
    await browser?.close();
    await eksid?.stop();
  });

  async function assume(serviceAccount: string): Promise<string> {
    const token = await eksid.token({ cluster: 'demo', namespace: 'default', serviceAccount });
    try {
      await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE_ARN, RoleSessionName: `dashboard-${serviceAccount}`, WebIdentityToken: token }));
      return 'allowed';
    } catch (err) {
      return (err as Error).name;
    }
  }

  it('should show an allowed and a denied assume-role live, the denied one highlighted with its trace expandable', async () => {
    await page.goto(`${eksid.url}/`);
    await page.locator('#clusters').getByText('demo', { exact: true }).waitFor({ timeout: UI_MS });
    await page.locator('#connection.live').waitFor({ timeout: UI_MS });

    // Through the real API, while the page is open: the trust policy names default/app only.
    expect(await assume('app')).toBe('allowed');
    expect(await assume('intruder')).toBe('AccessDenied');

    const allowed = page.locator('#decision-list > li.decision.allowed');
    const denied = page.locator('#decision-list > li.decision.denied');
    await denied.first().waitFor({ timeout: UI_MS });
    await allowed.first().waitFor({ timeout: UI_MS });
    expect([await allowed.count(), await denied.count()]).toEqual([1, 1]);
    // Newest on top: the denied call was made second.
    expect(await page.locator('#decision-list > li.decision').first().getAttribute('data-outcome')).toBe('denied');
    expect(await page.locator('#allowed-count').textContent()).toBe('1');
    expect(await page.locator('#denied-count').textContent()).toBe('1');

    const row = denied.first();
    expect(await row.locator('.verdict').textContent()).toBe('DENIED');
    expect(await row.locator('.code').textContent()).toBe('AccessDenied');
    expect(await row.locator('.who').textContent()).toBe('default/intruder');
    // Why, without a click: the error code and the condition that failed.
    const reason = row.locator('.reason');
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toMatch(/^AccessDenied: condition StringEquals …:sub: "system:serviceaccount:default:intruder" not in \["system:serviceaccount:default:app"\]$/);
    expect(await row.locator('.repeat').isVisible()).toBe(false);
    // Highlighted: the red band and background of the stylesheet, not just a class name.
    const band = await row.evaluate((el) => {
      const style = (globalThis as unknown as StyleWindow).getComputedStyle(el);
      return [style.borderLeftColor, style.backgroundColor];
    });
    expect(band).toEqual(['rgb(176, 0, 32)', 'rgb(253, 231, 234)']);

    const failedLine = row.locator('.trace > li.failed').first();
    expect(await failedLine.isVisible()).toBe(false);
    await row.locator('summary').click();
    await failedLine.waitFor({ state: 'visible', timeout: UI_MS });
    expect(await failedLine.textContent()).toMatch(/^✗ /);
    expect(await failedLine.evaluate((el) => (globalThis as unknown as StyleWindow).getComputedStyle(el).color)).toBe('rgb(176, 0, 32)');

    mkdirSync(OUTPUT, { recursive: true });
    // What a projector shows (1280x720), and the whole page with the resource sections.
    const screenshot = join(OUTPUT, 'dashboard.png');
    await page.screenshot({ path: screenshot, animations: 'disabled' });
    await page.screenshot({ path: join(OUTPUT, 'dashboard-full.png'), fullPage: true, animations: 'disabled' });
    expect(existsSync(screenshot)).toBe(true);
  });

  it('should fold repeated identical denials into the open row, with their count and the latest time', async () => {
    const denied = page.locator('#decision-list > li.decision.denied');
    const firstId = await denied.first().getAttribute('data-id');
    expect(await assume('intruder')).toBe('AccessDenied');
    expect(await assume('intruder')).toBe('AccessDenied');
    await page.locator('#decision-list > li.decision.denied .repeat:not([hidden])').waitFor({ timeout: UI_MS });
    await page.locator('#denied-count', { hasText: '3' }).waitFor({ timeout: UI_MS });
    await page.locator('#decision-list > li.decision.denied[data-count="3"]').waitFor({ timeout: UI_MS });
    expect(await denied.count()).toBe(1);
    const row = denied.first();
    expect(await row.locator('.repeat').textContent()).toBe('×3');
    expect(Number(await row.getAttribute('data-id'))).toBeGreaterThan(Number(firstId));
    // It was open before the repeats arrived, and stays open.
    expect(await row.locator('.trace > li.failed').first().isVisible()).toBe(true);
    expect(await page.locator('#decision-list > li.decision').count()).toBe(2);
  });

  it('should refresh the resource sections without a reload', async () => {
    // Minting the intruder's token recorded its service account; the page polls every 5 s.
    await page.locator('#service-accounts').getByText('default/intruder').waitFor({ timeout: UI_MS });
  });

  it('should say so when the server goes away', async () => {
    await eksid.stop();
    await page.locator('#connection.reconnecting').waitFor({ timeout: UI_MS });
  });
});
