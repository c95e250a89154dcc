import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyDocument, parseApplyDocument } from '@eksid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import type { RunningEksidServer } from '@eksid/server';
import { memoryIo, startTestServer } from '../test-support.js';

const DEMO = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));
let eksid: RunningEksidServer;
beforeAll(async () => {
  eksid = await startTestServer(DEMO);
});
afterAll(() => eksid.close());

async function explain(args: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken, ...env });
  const code = await run(['explain', '--endpoint', eksid.url, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('eksid explain', () => {
  it('prints an allowed IRSA decision with its trace and exits 0', async () => {
    const { code, out, err } = await explain(['--cluster', 'demo', '--namespace', 'default', '--service-account', 'app']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^\S+Z {2}ALLOWED {2}sts AssumeRoleWithWebIdentity {2}demo default\/app → arn:aws:iam::000000000000:role\/demo-app\n/);
    expect(out).toContain('    ✓ token aud "sts.amazonaws.com" is a client id of the provider ["sts.amazonaws.com"]');
    expect(out).not.toContain('\x1b[');
  });

  it('prints the failed condition of a denied decision and exits 1', async () => {
    const { code, out } = await explain(['--role', 'demo-app', '--cluster', 'demo', '--namespace', 'payments', '--service-account', 'app']);
    expect(code).toBe(1);
    expect(out).toContain('DENIED');
    expect(out).toMatch(/ {4}✗ statement 0 \(Allow\): condition StringEquals \S+:sub: "system:serviceaccount:payments:app" not in \["system:serviceaccount:default:app"\]/);
    expect(out).toContain('    ✗ answered AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  it('prints what to change beneath a denied decision', async () => {
    await applyDocument(eksid.ctx, parseApplyDocument({
      clusters: [{ name: 'demo', serviceAccounts: [{ namespace: 'default', name: 'tagless' }] }],
      roles: [{ name: 'tagless', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }],
      podIdentityAssociations: [{ cluster: 'demo', namespace: 'default', serviceAccount: 'tagless', role: 'tagless' }],
    }));
    const { code, out } = await explain(['--cluster', 'demo', '--namespace', 'default', '--service-account', 'tagless']);
    expect(code).toBe(1);
    expect(out).toMatch(/ {4}✗ answered AccessDeniedException: [^\n]+\n {4}hint: role\/tagless lets pods\.eks\.amazonaws\.com sts:AssumeRole but not sts:TagSession, which EKS Pod Identity also needs: "Action": \["sts:AssumeRole", "sts:TagSession"\]\n$/);
  });

  it('judges a token file, as JSON when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-explain-'));
    const file = join(dir, 'token');
    const minted = memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken });
    expect(await run(['token', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'pod-app', '--pod', 'p1', '--audience', 'pods.eks.amazonaws.com', '--out', file], minted)).toBe(0);
    const { code, out } = await explain(['--token', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ outcome: 'allowed', action: 'AssumeRoleForPodIdentity', cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', role: 'arn:aws:iam::000000000000:role/demo-pod-identity' });
    rmSync(dir, { recursive: true });
  });

  it('colours the verdict on a terminal', async () => {
    const io = { ...memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken }), stdoutIsTty: true };
    let out = '';
    io.stdout = (text: string) => void (out += text);
    await run(['explain', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'], io);
    expect(out).toContain('\x1b[32mALLOWED\x1b[39m');
  });

  it.each([
    [['--cluster', 'demo'], 'eksid: explain needs --token FILE, or --cluster, --namespace and --service-account', 2],
    [['--token', '/nonexistent/token', '--role', 'x'], 'eksid: cannot read token file /nonexistent/token: ENOENT', 1],
    [['--cluster', 'demo', '--namespace', 'default', '--service-account', 'nobody'], 'eksid: default/nobody in cluster demo has no Pod Identity association and no eks.amazonaws.com/role-arn annotation; give a role.', 1],
  ])('fails with one line for %j', async (args, line, exitCode) => {
    const { code, out, err } = await explain(args);
    expect({ code, out, err }).toEqual({ code: exitCode, out: '', err: `${line}\n` });
  });

  it('fails with one line when nothing listens at the endpoint', async () => {
    const io = memoryIo();
    expect(await run(['explain', '--endpoint', 'http://127.0.0.1:9', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'], io)).toBe(1);
    expect(io.err()).toBe('eksid: cannot reach http://127.0.0.1:9 (is `eksid up` running?)\n');
  });
});
