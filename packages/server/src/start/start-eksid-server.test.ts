import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecisionEventInput } from '@eksid/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { StartError } from './start-error.js';
import { startEksidServer as startEksid } from './start-eksid-server.js';
import type { RunningEksidServer as RunningEksid } from './start-eksid-server.js';

const log = pino({ level: 'silent' });
const base = { port: 0, host: '127.0.0.1', data: ':memory:' };
const running: RunningEksid[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('startEksidServer', () => {
  it('should serve on a free port with issuer URLs under it', async () => {
    const eksid = await startEksid(base, log);
    running.push(eksid);
    expect(eksid.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(eksid.ctx.config.publicUrl).toBe(eksid.url);
    expect(await (await fetch(`${eksid.url}/_eksid/health`)).json()).toMatchObject({ status: 'ok' });
  });

  it("should serve the config's account unless --account says otherwise", async () => {
    const config = { account: '111122223333', clusters: [{ name: 'demo' }] };
    const eksid = await startEksid({ ...base, config, configSource: 'eksid.yaml' }, log);
    running.push(eksid);
    expect(eksid.ctx.config.accountId).toBe('111122223333');
    expect(eksid.summary).toMatchObject({ created: 1 });
    await expect(startEksid({ ...base, config, configSource: 'eksid.yaml', account: '444455556666' }, log)).rejects.toThrow(
      'eksid.yaml: account: this eksid serves account 444455556666, not 111122223333',
    );
  });

  it('should use --public-url for issuers', async () => {
    const eksid = await startEksid({ ...base, publicUrl: 'https://eksid.example/', config: { clusters: [{ name: 'demo' }] } }, log);
    running.push(eksid);
    const oidcId = eksid.ctx.store.clusters.get('000000000000', 'demo')?.oidcId;
    const res = await fetch(`${eksid.listenUrl}/id/${oidcId}/.well-known/openid-configuration`);
    expect(((await res.json()) as { issuer: string }).issuer).toBe(`https://eksid.example/id/${oidcId}`);
  });

  it('should refuse a bad config naming its source, as a StartError', async () => {
    const config = { roles: [{ name: 'r', trustPolicy: 'irsa' }] };
    const started = startEksid({ ...base, config, configSource: 'eksid.yaml' }, log);
    await expect(started).rejects.toThrow('eksid.yaml: roles[0].trustPolicy: expected an object, got string "irsa"');
    await expect(started).rejects.toBeInstanceOf(StartError);
    await expect(startEksid({ ...base, config }, log)).rejects.toThrow('config: roles[0].trustPolicy: expected an object');
  });

  it.each(['12345', 'abcdefghijkl'])('should refuse the account %j as a usage error', async (account) => {
    await expect(startEksid({ ...base, account }, log)).rejects.toMatchObject({ kind: 'usage', message: `invalid account '${account}': expected 12 digits` });
  });

  it.each([
    [{ allowedHosts: ['eksid', 'http://eksid:4599'] }, "invalid allowed host 'http://eksid:4599': expected a host name or IP address, without scheme, port or path"],
    [{ publicUrl: 'eksid:4599' }, "invalid public URL 'eksid:4599': expected http:// or https:// and a host"],
    [{ publicUrl: 'not a url' }, "invalid public URL 'not a url': expected http:// or https:// and a host"],
  ])('should refuse %j as a usage error', async (options, message) => {
    await expect(startEksid({ ...base, ...options }, log)).rejects.toMatchObject({ kind: 'usage', message });
  });

  it('should answer its allowed hosts and its public URL\'s host, and refuse others', async () => {
    const eksid = await startEksid({ ...base, publicUrl: 'http://eksid:4599', allowedHosts: ['Host.Docker.Internal'] }, log);
    running.push(eksid);
    const statusFor = (host: string) => new Promise<number>((resolve, reject) => {
      request(`${eksid.listenUrl}/_eksid/health`, { headers: { host } }, (res) => resolve(res.resume().statusCode ?? 0)).on('error', reject).end();
    });
    expect(await Promise.all(['host.docker.internal:4599', 'eksid:4599', 'localhost', 'kind-eksid:4599'].map(statusFor))).toEqual([200, 200, 200, 403]);
  });

  it('should say when the port is taken', async () => {
    const first = await startEksid(base, log);
    running.push(first);
    const port = Number(new URL(first.url).port);
    await expect(startEksid({ ...base, port }, log)).rejects.toMatchObject({ kind: 'runtime', message: `cannot listen on 127.0.0.1:${port}: address already in use` });
  });

  it('should keep decision events within the retention it is started with, pruning at start', async () => {
    const data = mkdtempSync(join(tmpdir(), 'eksid-data-'));
    dirs.push(data);
    const hoursAgo = (h: number): DecisionEventInput => ({
      time: new Date(Date.now() - h * 3_600_000), source: 'sts', action: `${h}h ago`, outcome: 'allowed',
      caller: null, cluster: null, namespace: null, serviceAccount: null, role: null, errorCode: null, errorMessage: null, trace: [], detail: {},
    });
    const first = await startEksid({ ...base, data }, log);
    for (const h of [5, 4, 3, 2, 1, 0]) first.ctx.decisions.record(hoursAgo(h));
    expect(first.ctx.decisions.retention).toEqual({ maxCount: 10_000, maxAgeSeconds: 604_800 });
    await first.close();

    const byAge = await startEksid({ ...base, data, eventsMaxAge: 3.5 * 3600 }, log);
    expect(byAge.ctx.store.decisionEvents.list().map((e) => e.action)).toEqual(['3h ago', '2h ago', '1h ago', '0h ago']);
    await byAge.close();

    const byCount = await startEksid({ ...base, data, eventsMaxCount: 2 }, log);
    running.push(byCount);
    expect(byCount.ctx.decisions.retention).toEqual({ maxCount: 2, maxAgeSeconds: 604_800 });
    expect(byCount.ctx.store.decisionEvents.list().map((e) => e.action)).toEqual(['1h ago', '0h ago']);
  });
});
