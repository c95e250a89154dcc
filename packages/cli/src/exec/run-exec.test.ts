import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningEksidServer } from '@eksid/server';
import { decodeJwt, memoryIo, startTestServer } from '../test-support.js';
import { runExec } from './run-exec.js';
import type { ExecDeps } from './run-exec.js';
import type { SignalSource } from './child.js';

const demo = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));
let eksid: RunningEksidServer;
let outDir: string;
beforeAll(async () => {
  eksid = await startTestServer(demo);
  outDir = mkdtempSync(join(tmpdir(), 'eksid-exec-out-'));
});
afterAll(async () => {
  await eksid?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const deps: ExecDeps = { scheduler: { after: () => () => undefined }, randomInt: () => 0, uuid: () => '00000000-0000-4000-8000-000000000001', stdio: 'ignore' };

// CMD: records its AWS env, its token file and (for Pod Identity) the agent's answer.
const PROBE = `
const fs = require('node:fs');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));
const file = env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
const token = file ? fs.readFileSync(file, 'utf8') : undefined;
(async () => {
  let agent;
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    const res = await fetch(env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { authorization: token } });
    agent = { status: res.status, body: await res.text() };
  }
  fs.writeFileSync(process.argv[1], JSON.stringify({ env, token, agent }));
})();`;

async function exec(serviceAccount: string, name: string, env: Record<string, string> = {}): Promise<{ code: number; err: string; seen: { env: Record<string, string>; token?: string; agent?: { status: number; body: string } } }> {
  const io = memoryIo({ PATH: process.env['PATH'], AWS_ACCESS_KEY_ID: 'AKIAMINE', AWS_SECRET_ACCESS_KEY: 'mine', AWS_PROFILE: 'admin', EKSID_ADMIN_TOKEN: eksid.ctx.adminToken, ...env });
  const out = join(outDir, `${name}.json`);
  const code = await runExec({ cluster: 'demo', namespace: 'default', serviceAccount, endpoint: eksid.url }, [process.execPath, '-e', PROBE, out], io, deps);
  return { code, err: io.err(), seen: JSON.parse(readFileSync(out, 'utf8')) };
}

describe('runExec', () => {
  it('should run CMD with the IRSA env, a pod-bound token file, and no inherited credentials', async () => {
    const { code, seen } = await exec('app', 'irsa');
    expect(code).toBe(0);
    expect(seen.env).toMatchObject({ AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/demo-app', AWS_ENDPOINT_URL: eksid.url, AWS_ENDPOINT_URL_STS: eksid.url, AWS_REGION: 'us-east-1' });
    expect(seen.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
    expect(seen.env['AWS_PROFILE']).toBeUndefined();
    expect(seen.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeJwt(seen.token ?? '').claims).toMatchObject({
      aud: ['sts.amazonaws.com'],
      sub: 'system:serviceaccount:default:app',
      'kubernetes.io': { pod: { name: 'exec-bbbbb', uid: '00000000-0000-4000-8000-000000000001' } },
    });
    expect(existsSync(dirname(seen.env['AWS_CONFIG_FILE'] ?? '/'))).toBe(false);
  });

  it('should prefer a Pod Identity association and serve credentials from a loopback agent', async () => {
    const created = await fetch(`${eksid.url}/clusters/demo/pod-identity-associations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: 'default', serviceAccount: 'app', roleArn: 'arn:aws:iam::000000000000:role/demo-pod-identity' }),
    });
    expect(created.status).toBe(200);
    const { code, err, seen } = await exec('app', 'pod-identity');
    expect(code).toBe(0);
    // The agent is silent unless asked: CMD's output stays its own.
    expect(err).toBe('');
    expect(seen.env['AWS_ROLE_ARN']).toBeUndefined();
    expect(seen.env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
    expect(decodeJwt(seen.token ?? '').claims['aud']).toEqual(['pods.eks.amazonaws.com']);
    expect(seen.agent?.status).toBe(200);
    expect(JSON.parse(seen.agent?.body ?? '{}')).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), AccountId: '000000000000' });
  });

  it('should let $EKSID_LOG_LEVEL show the embedded agent\'s log', async () => {
    const { code, err } = await exec('app', 'pod-identity-logged', { EKSID_LOG_LEVEL: 'info' });
    expect(code).toBe(0);
    const entries = err.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ level: 'info', msg: 'Calling EKS Auth to fetch credentials', 'cluster-name': 'demo' }));
  });

  it('should not start CMD, and clean up, when a signal arrives while it prepares', async () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    // os.tmpdir() follows $TMPDIR: an empty one of our own shows what exec leaves behind.
    const scratch = mkdtempSync(join(outDir, 'tmp-'));
    vi.stubEnv('TMPDIR', scratch);
    // The token refresh is scheduled mid-setup: the moment to be interrupted.
    const interrupted: ExecDeps = { ...deps, signals, scheduler: { after: () => (signals.emit('SIGINT'), () => undefined) } };
    const out = join(outDir, 'interrupted.json');
    const code = await runExec({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', endpoint: eksid.url }, [process.execPath, '-e', PROBE, out], memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken }), interrupted);
    expect(code).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('should warn and run CMD without AWS credentials when the account has no identity', async () => {
    const { code, err, seen } = await exec('nobody', 'none');
    expect(code).toBe(0);
    expect(err).toBe('eksid: warning: default/nobody in cluster demo has no Pod Identity association and no eks.amazonaws.com/role-arn annotation; running without AWS credentials, as such a pod would\n');
    expect(Object.keys(seen.env).filter((k) => /ROLE|KEY|TOKEN|PROFILE|CONTAINER/.test(k))).toEqual([]);
    expect(seen.token).toBeUndefined();
  });
});
