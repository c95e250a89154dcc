import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CLI_ENTRY, EKSID_NODE, mintToken } from './support/eksid.js';
import { REGION, rootCredentials } from './support/irsa-setup.js';
import { freePort, startPeer } from './support/processes.js';
import type { Peer } from './support/processes.js';

/*
 * kill -9 under load, in a loop: every credential eksid answered 200 must still verify after a
 * restart on the same data, and every admin write it acknowledged must be there. Each round
 * drives concurrent AssumeRoleWithWebIdentity calls and IAM writes, kills eksid at a random
 * moment, restarts it on the same data directory and port, and checks what was acknowledged.
 */
const KILLS = 3;
const STS_WORKERS = 16;
const IAM_WORKERS = 2;
const ACCOUNT = '000000000000';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/demo-app`;
const ADMIN_TOKEN = 'durability-admin-token';
const DEMO_APP = { cluster: 'demo', namespace: 'default', serviceAccount: 'app' };

interface Issued {
  sessionName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** What an acknowledged role must look like after the restart: its trust policy's Sid, one of these. */
type RoleExpectation = Set<string>;

const trust = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
const xml = (body: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];

async function start(dataDir: string, port: number, withConfig: boolean): Promise<Peer> {
  const args = [CLI_ENTRY, 'up', '--port', String(port), '--data', dataDir, '--log-level', 'warn', ...(withConfig ? ['--config', 'examples/demo.yaml'] : [])];
  return startPeer('eksid', EKSID_NODE, args, `http://127.0.0.1:${port}`, '/_eksid/health');
}

/** Asks for credentials until the server stops answering; every 200 is acknowledged. */
async function stsWorker(url: string, token: string, prefix: string, issued: Issued[]): Promise<void> {
  for (let n = 0; ; n++) {
    const sessionName = `${prefix}-${n}`;
    const body = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: sessionName, WebIdentityToken: token });
    let text: string;
    try {
      const res = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      text = await res.text();
      if (res.status !== 200) throw new Error(`AssumeRoleWithWebIdentity answered ${res.status}: ${text}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('AssumeRoleWithWebIdentity')) throw err;
      return; // killed: this request was never acknowledged
    }
    issued.push({ sessionName, accessKeyId: xml(text, 'AccessKeyId') ?? '', secretAccessKey: xml(text, 'SecretAccessKey') ?? '', sessionToken: xml(text, 'SessionToken') ?? '' });
  }
}

/** Creates roles and rewrites their trust policies until the server stops answering. */
async function iamWorker(url: string, prefix: string, roles: Map<string, RoleExpectation>, acked: { writes: number }): Promise<void> {
  const iam = new IAMClient({ endpoint: url, region: REGION, credentials: rootCredentials, maxAttempts: 1 });
  try {
    for (let n = 0; ; n++) {
      const RoleName = `${prefix}-${n}`;
      try {
        await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust('created') }));
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined) throw err;
        return;
      }
      // Acknowledged; the update in flight when eksid dies may or may not have landed.
      roles.set(RoleName, new Set(['created', 'updated']));
      acked.writes++;
      try {
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: trust('updated') }));
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined) throw err;
        return;
      }
      roles.set(RoleName, new Set(['updated']));
      acked.writes++;
    }
  } finally {
    iam.destroy();
  }
}

/** Runs `check` over `items`, `width` at a time; answers the items it returned false for. */
async function failing<T>(items: readonly T[], width: number, check: (item: T) => Promise<boolean>): Promise<T[]> {
  const lost: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      if (!(await check(item))) lost.push(item);
    }
  }));
  return lost;
}

async function credentialHolds(url: string, c: Issued): Promise<boolean> {
  const sts = new STSClient({ endpoint: url, region: REGION, credentials: c, maxAttempts: 1 });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return identity.Arn === `arn:aws:sts::${ACCOUNT}:assumed-role/demo-app/${c.sessionName}`;
  } catch {
    return false;
  } finally {
    sts.destroy();
  }
}

async function roleHolds(iam: IAMClient, name: string, sids: RoleExpectation): Promise<boolean> {
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    const document = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')) as { Statement: { Sid: string }[] };
    return sids.has(document.Statement[0]?.Sid ?? '');
  } catch {
    return false;
  }
}

describe('eksid killed with -9 under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eksid-kill9-'));
  let eksid: Peer | undefined;
  afterAll(async () => {
    await eksid?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep every acknowledged credential and admin write across each kill', { timeout: 90_000 }, async () => {
    vi.stubEnv('EKSID_ADMIN_TOKEN', ADMIN_TOKEN);
    const port = await freePort();
    const totals = { credentials: 0, credentialsLost: 0, rolesLost: 0 };
    const acked = { writes: 0 };
    let issued: Issued[] = [];
    const roles = new Map<string, RoleExpectation>();
    for (let round = 0; round <= KILLS; round++) {
      eksid = await start(dataDir, port, round === 0);
      if (round > 0) {
        const lostCredentials = await failing(issued, 16, (c) => credentialHolds(eksid?.url ?? '', c));
        const iam = new IAMClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials, maxAttempts: 1 });
        const lostRoles = await failing([...roles], 8, ([name, sids]) => roleHolds(iam, name, sids));
        iam.destroy();
        totals.credentials += issued.length;
        totals.credentialsLost += lostCredentials.length;
        totals.rolesLost = lostRoles.length;
        expect({ round, lostCredentials: lostCredentials.map((c) => c.sessionName), lostRoles: lostRoles.map(([name]) => name) }).toEqual({ round, lostCredentials: [], lostRoles: [] });
      }
      if (round === KILLS) break;
      const url = eksid.url;
      const token = await mintToken(url, ADMIN_TOKEN, DEMO_APP);
      issued = [];
      const load = [
        ...Array.from({ length: STS_WORKERS }, (_, w) => stsWorker(url, token, `k9-${round}-${w}`, issued)),
        ...Array.from({ length: IAM_WORKERS }, (_, w) => iamWorker(url, `k9-${round}-${w}`, roles, acked)),
      ];
      // A random moment once the load is under way: after 50 to 600 credentials.
      const killAt = 50 + Math.floor(Math.random() * 550);
      const deadline = Date.now() + 30_000;
      while (issued.length < killAt && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      process.kill(eksid.pid, 'SIGKILL');
      await Promise.all(load);
      await eksid.stop();
    }
    console.log(`kill -9 x${KILLS}: credentials acknowledged ${totals.credentials}, lost ${totals.credentialsLost}; admin writes acknowledged ${acked.writes} (${roles.size} roles), roles lost or stale ${totals.rolesLost}`);
    expect(totals.credentials).toBeGreaterThanOrEqual(KILLS * 50);
    expect(acked.writes).toBeGreaterThan(0);
  });
});
