import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromHttp, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAgent } from './agent.js';
import type { RunningAgent } from './agent.js';
import { createLogger } from '@eksid/core/log';
import { credentialsReply, startFakeEksAuth } from './testing/fake-eks-auth.js';
import type { FakeEksAuth } from './testing/fake-eks-auth.js';
import { fakeToken } from './testing/tokens.js';

/**
 * Real SDK container-credential providers against the agent, configured exactly as EKS
 * injects them (docs/pod-identity-behaviour.md §3) but with a loopback URI, which both SDKs accept.
 * EKS Auth behind the agent is the boundary fake.
 */
const run = promisify(execFile);
// Checked before the agent starts: a sync child would block the agent's event loop.
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
let fake: FakeEksAuth;
let agent: RunningAgent;
let dir: string;
let tokenFile: string;
const expiration = Math.floor(Date.now() / 1000) + 6 * 3600;

beforeAll(async () => {
  fake = await startFakeEksAuth();
  fake.reply = () => credentialsReply(expiration, 'ASIASDKTEST000000001');
  agent = await startAgent({
    clusterName: 'demo', endpoint: fake.url, credentials: { accessKeyId: 'AKIANODE', secretAccessKey: 'x' },
    probePort: null, metricsPort: null, env: {}, logger: await createLogger({ level: 'silent' }),
  });
  dir = await mkdtemp(join(tmpdir(), 'eksid-agent-sdk-'));
  tokenFile = join(dir, 'eks-pod-identity-token');
  // No trailing newline: botocore rejects \n in the header value, the JS SDK sends it raw.
  await writeFile(tokenFile, fakeToken({ exp: Math.floor(Date.now() / 1000) + 86400 }));
});

afterAll(async () => {
  await agent?.close();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('SDK container providers against the agent', () => {
  it('@aws-sdk fromHttp reads the token file and gets the credentials', async () => {
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', agent.urls[0] as string);
    vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', tokenFile);
    const creds = await fromHttp({})();
    expect(creds).toMatchObject({ accessKeyId: 'ASIASDKTEST000000001', secretAccessKey: 'secret-key', sessionToken: 'session-token' });
    expect(creds.expiration?.getTime()).toBe(expiration * 1000);
  });

  it('@aws-sdk default chain picks the agent up from the injected env', async () => {
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', agent.urls[0] as string);
    vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', tokenFile);
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN']) vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'none'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'none'));
    const creds = await fromNodeProviderChain()();
    expect(creds.accessKeyId).toBe('ASIASDKTEST000000001');
  });

  it.skipIf(!hasBoto3)('botocore ContainerProvider gets the credentials (skipped without python3 + boto3)', async () => {
    const script = [
      'import json, boto3',
      's = boto3.Session()',
      'c = s.get_credentials()',
      'f = c.get_frozen_credentials()',
      'print(json.dumps({"method": c.method, "key": f.access_key, "token": f.token, "account": getattr(f, "account_id", None)}))',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: dir,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.urls[0] as string,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(JSON.parse(stdout)).toMatchObject({ method: 'container-role', key: 'ASIASDKTEST000000001', token: 'session-token' });
  });
});
