import { fileURLToPath } from 'node:url';
import { putRolePolicy } from '@eksid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import type { RunningEksidServer } from '@eksid/server';
import { memoryIo, startTestServer } from '../test-support.js';

const DEMO = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));
let eksid: RunningEksidServer;
beforeAll(async () => {
  eksid = await startTestServer(DEMO);
  // ABAC on the Pod Identity session tags: only pods of the default namespace may put objects under their own prefix.
  const abac = { Version: '2012-10-17', Statement: [{ Sid: 'OwnPrefix', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared/${aws:PrincipalTag/kubernetes-namespace}/*', Condition: { StringEquals: { 'aws:PrincipalTag/eks-cluster-name': 'demo' } } }] };
  putRolePolicy(eksid.ctx, { roleName: 'demo-pod-identity', policyName: 'abac', policyDocument: JSON.stringify(abac) });
});
afterAll(() => eksid.close());

async function can(args: string[]) {
  const io = memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken });
  const code = await run(['can', '--endpoint', eksid.url, ...args], io);
  return { code, out: io.out(), err: io.err() };
}
const APP = ['--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'];
const POD_APP = ['--cluster', 'demo', '--namespace', 'default', '--service-account', 'pod-app'];

describe('eksid can', () => {
  it("allows what the IRSA role's inline policy allows, naming the statement, and exits 0", async () => {
    const { code, out, err } = await can([...APP, 's3:GetObject', 'arn:aws:s3:::bucket/key']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^allowed: s3:GetObject on arn:aws:s3:::bucket\/key\n {2}default\/app in cluster demo → arn:aws:iam::000000000000:role\/demo-app \(IRSA, eks.amazonaws.com\/role-arn\)\n {2}✓ allowed by inline policy "s3-read", statement at line 1 column \d+ to line 1 column \d+\n$/);
  });

  it('denies what no policy allows and exits 1', async () => {
    expect(await can([...APP, 's3:PutObject', 'arn:aws:s3:::bucket/key'])).toEqual({
      code: 1,
      err: '',
      out: 'denied: s3:PutObject on arn:aws:s3:::bucket/key\n  default/app in cluster demo → arn:aws:iam::000000000000:role/demo-app (IRSA, eks.amazonaws.com/role-arn)\n  ✗ implicitly denied: no statement allows it\n',
    });
  });

  it("simulates a Pod Identity pod with its session tags, so ABAC on aws:PrincipalTag decides", async () => {
    const own = await can([...POD_APP, 's3:PutObject', 'arn:aws:s3:::shared/default/report.csv']);
    expect(own.code).toBe(0);
    expect(own.out).toContain('  default/pod-app in cluster demo → arn:aws:iam::000000000000:role/demo-pod-identity (EKS Pod Identity association)\n  ✓ allowed by inline policy "abac", statement at line 1 column ');
    const other = await can([...POD_APP, 's3:PutObject', 'arn:aws:s3:::shared/payments/report.csv']);
    expect(other.code).toBe(1);
  });

  it('denies a service account that gets no role', async () => {
    const { code, out } = await can(['--cluster', 'demo', '--namespace', 'default', '--service-account', 'nobody', 's3:GetObject']);
    expect({ code, out }).toEqual({ code: 1, out: 'denied: s3:GetObject\n  default/nobody in cluster demo has no Pod Identity association and no eks.amazonaws.com/role-arn annotation: its pods get no AWS credentials\n' });
  });

  it.each([
    [['s3'], "eksid: ACTION must be service:Action, e.g. s3:GetObject (got 's3')\n"],
    [[], expect.stringMatching(/^eksid: .*action/)],
  ])('refuses %o as a usage error', async (args, err) => {
    const { code, err: stderr } = await can([...APP, ...args]);
    expect({ code, err: stderr }).toEqual({ code: 2, err });
  });
});
