import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { REGION, rootCredentials } from './support/irsa-setup.js';

// What a page on another origin can make a browser send to eksid on loopback: a form that
// posts itself, a no-cors fetch, an image. None of it may change anything, while the SDKs
// (which send no Origin) keep working. Debian's chromium through playwright-core, as the
// dashboard suite runs it.
const canRun = hasChromium('cross-site');

const ROLE = 'demo-app';
const OPEN_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });

/** The part of the browser's window the page functions below use (this tsconfig has no DOM types). */
interface PageWindow {
  Image: new () => { onload: unknown; onerror: unknown; src: string };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The attacker's page: a urlencoded form to eksid's `/` that submits itself on load. */
function formPage(eksidUrl: string): string {
  const fields = { Action: 'UpdateAssumeRolePolicy', Version: '2010-05-08', RoleName: ROLE, PolicyDocument: OPEN_TRUST };
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('');
  return `<!doctype html><form method="POST" action="${eksidUrl}/" enctype="application/x-www-form-urlencoded">${inputs}</form><script>document.forms[0].submit()</script>`;
}

describe.skipIf(!canRun)('a page on another loopback origin', () => {
  let eksid: EksidProcess;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Browser;
  let page: Page;
  let iam: IAMClient;
  let eks: EKSClient;

  beforeAll(async () => {
    [eksid, browser] = await Promise.all([
      startEksid({ config: 'examples/demo.yaml' }),
      launchChromium(),
    ]);
    attacker = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/form' ? formPage(eksid.url) : '<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    page = await browser.newPage();
    const config = { endpoint: eksid.url, region: REGION, credentials: rootCredentials, maxAttempts: 1 };
    [iam, eks] = [new IAMClient(config), new EKSClient(config)];
  });
  afterAll(async () => {
    iam?.destroy();
    eks?.destroy();
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await eksid?.stop();
  });

  const trustPolicy = async () => decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role?.AssumeRolePolicyDocument ?? '');

  it('cannot rewrite a trust policy with a form that posts itself to /', async () => {
    const before = await trustPolicy();
    expect(before).toContain('sts:AssumeRoleWithWebIdentity');
    const [answer] = await Promise.all([page.waitForResponse(`${eksid.url}/`), page.goto(`${attackerUrl}/form`)]);
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('<Code>AccessDenied</Code>');
    expect(await trustPolicy()).toBe(before);
  });

  it('cannot create a cluster with a no-cors text/plain fetch to /clusters', async () => {
    await page.goto(attackerUrl);
    const body = JSON.stringify({ name: 'planted', roleArn: 'arn:aws:iam::000000000000:role/eks', resourcesVpcConfig: { subnetIds: ['subnet-1'] } });
    // Runs in the page: the request carries the attacker's Origin, as the page's own script would send it.
    const type = await page.evaluate(async ([url, text]) => {
      const res = await fetch(`${url}/clusters`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: text });
      return res.type;
    }, [eksid.url, body] as const);
    expect(type).toBe('opaque');
    await expect(eks.send(new DescribeClusterCommand({ name: 'planted' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await eks.send(new ListClustersCommand({}))).clusters).toEqual(['demo']);
  });

  it('cannot create a role with an image pointing at an awsQuery GET', async () => {
    await page.goto(attackerUrl);
    const query = new URLSearchParams({ Action: 'CreateRole', Version: '2010-05-08', RoleName: 'planted', AssumeRolePolicyDocument: OPEN_TRUST });
    // Resolves either way: eksid answers XML, which no image decodes.
    await page.evaluate(async (src) => {
      await new Promise((resolve) => {
        const image = new (globalThis as unknown as PageWindow).Image();
        image.onload = image.onerror = resolve;
        image.src = src;
      });
    }, `${eksid.url}/?${query.toString()}`);
    await expect(iam.send(new GetRoleCommand({ RoleName: 'planted' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  });
});
