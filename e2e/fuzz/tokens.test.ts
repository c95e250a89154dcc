import type { KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from '../support/eksid.js';
import type { EksidProcess } from '../support/eksid.js';
import { awsErrorCode } from './support/aws-shape.js';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from './support/fuzz.js';
import { describeReply, send } from './support/raw-http.js';
import type { RawReply, RawRequest } from './support/raw-http.js';
import { brokenTokens, hostileClaimValue, privateKeyOf, resign, resignedMutation } from './support/tokens.js';
import type { Resigned } from './support/tokens.js';

// Malformed web identity and pod tokens against STS AssumeRoleWithWebIdentity and EKS Auth
// AssumeRoleForPodIdentity on a real `eksid up`: a token that does not verify is always a 4xx
// in the AWS shape, and no token, however its claims are bent, gets a 5xx.
let eksid: EksidProcess;
let key: KeyObject;
let irsaToken: string;
let podToken: string;

beforeAll(async () => {
  eksid = await startEksid({ config: 'examples/demo.yaml' });
  irsaToken = await eksid.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', audience: 'sts.amazonaws.com' });
  podToken = await eksid.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', audience: 'pods.eks.amazonaws.com', pod: 'fuzz-pod' });
  const keys = (await (await fetch(`${eksid.url}/_eksid/keys/demo`, { headers: eksid.adminHeaders })).json()) as { privateKeyPem: string };
  key = privateKeyOf(keys.privateKeyPem);
});
afterAll(async () => eksid?.stop());

afterEach(async () => {
  expect(() => process.kill(eksid.pid, 0), 'eksid up is still running').not.toThrow();
  expect((await send(eksid.url, { method: 'GET', path: '/_eksid/health' }, { ownConnection: true })).status).toBe(200);
});

const sts = (token: string): RawRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/demo-app', RoleSessionName: 'fuzz', WebIdentityToken: token }).toString(),
});
const eksAuth = (token: string): RawRequest => ({
  method: 'POST',
  path: '/clusters/demo/assume-role-for-pod-identity',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token }),
});

async function answer(req: RawRequest): Promise<{ reply: RawReply; what: string }> {
  const reply = await send(eksid.url, req);
  return { reply, what: describeReply(req, reply) };
}

/** A refusal: a 4xx naming its AWS error code in the protocol's shape. */
async function refused(req: RawRequest): Promise<void> {
  const { reply, what } = await answer(req);
  expect(reply.status, what).toBeGreaterThanOrEqual(400);
  expect(reply.status, what).toBeLessThan(500);
  expect(awsErrorCode(reply), what).toBeDefined();
}

/** Anything but a 5xx; a refusal in the AWS shape. */
async function neverFails(req: RawRequest): Promise<void> {
  const { reply, what } = await answer(req);
  expect(reply.status, what).toBeLessThan(500);
  if (reply.status >= 400) expect(awsErrorCode(reply), what).toBeDefined();
}

/** A crit header naming anything (or malformed): RFC 7515 §4.1.11 has the recipient reject what it does not understand. */
const critMutation: fc.Arbitrary<Resigned> = fc.oneof(
  fc.constantFrom('["foo"]', '["exp"]', '["b64"]', '[]', '"foo"', 'true', '{}', '[1]'),
  hostileClaimValue.filter((v): v is string => v !== undefined),
).map((value) => ({ where: 'header' as const, field: 'crit', value }));

describe('malformed tokens', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('STS AssumeRoleWithWebIdentity refuses every token that does not verify with a 4xx', async () => {
    await fc.assert(fc.asyncProperty(brokenTokens(irsaToken), async (token) => refused(sts(token))), fuzzRuns(300));
  });

  it('EKS Auth AssumeRoleForPodIdentity refuses every token that does not verify with a 4xx', async () => {
    await fc.assert(fc.asyncProperty(brokenTokens(podToken), async (token) => refused(eksAuth(token))), fuzzRuns(300));
  });

  it('STS answers a correctly signed token with hostile claims or header fields below 500', async () => {
    await fc.assert(fc.asyncProperty(resignedMutation, async (m) => neverFails(sts(resign(key, irsaToken, m)))), fuzzRuns(200));
  });

  it('EKS Auth answers a correctly signed token with hostile claims or header fields below 500', async () => {
    await fc.assert(fc.asyncProperty(resignedMutation, async (m) => neverFails(eksAuth(resign(key, podToken, m)))), fuzzRuns(200));
  });

  it.each([['STS', 'sts' as const], ['EKS Auth', 'eks-auth' as const]])('%s refuses a correctly signed token with a crit header', async (_name, api) => {
    const request = (m: Resigned) => (api === 'sts' ? sts(resign(key, irsaToken, m)) : eksAuth(resign(key, podToken, m)));
    await fc.assert(fc.asyncProperty(critMutation, async (m) => refused(request(m))), fuzzRuns(50));
  });
});
