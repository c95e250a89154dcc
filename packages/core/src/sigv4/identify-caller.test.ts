import { describe, expect, it } from 'vitest';
import { FixedClock } from '../deps.js';
import { UnknownSessionError } from '../sts/errors.js';
import { identifyCaller } from './identify-caller.js';
import type { IdentifyCallerOptions, SessionSecrets } from './identify-caller.js';
import { STS_FORM_POST, signForTest } from './sign-for-test.js';
import type { TestCredentials, TestSigning } from './sign-for-test.js';
import type { SignedRequest } from './types.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const SESSION = {
  secretAccessKey: 'sessionSecret0000000000000000000000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjSESSION',
  expiration: new Date('2026-01-02T04:00:00Z'),
  roleArn: 'arn:aws:iam::123456789012:role/app',
};
const ISSUED: TestCredentials = { accessKeyId: 'ASIARZPUZDIKGB2VALC4', ...SESSION };
const sessions = new Map<string, SessionSecrets & { roleArn: string }>([[ISSUED.accessKeyId, SESSION]]);
const lenient: IdentifyCallerOptions = { mode: 'lenient', accountId: '000000000000' };
const strict: IdentifyCallerOptions = { mode: 'strict', accountId: '000000000000' };
const header: TestSigning = { mode: 'header', date: NOW };
const presigned: TestSigning = { mode: 'presigned', date: NOW, expiresIn: 60 };

/** As the store's lookup: a session only for the token it was issued with. */
const lookup = (id: string, token: string) => (sessions.get(id)?.sessionToken === token ? sessions.get(id) : undefined);

function identify(req: SignedRequest, options = lenient, now = NOW) {
  return identifyCaller(req, { clock: new FixedClock(now), lookupSession: lookup }, options);
}

describe('identifyCaller', () => {
  it('should call an unsigned request anonymous', async () => {
    expect(await identify({ method: 'POST', path: '/', query: {}, headers: {}, body: 'Action=GetCallerIdentity' })).toEqual({ kind: 'anonymous' });
  });

  it.each([
    ['header', header],
    ['presigned', presigned],
  ] as const)('should return the session, with what the store added, for an eksid key (%s)', async (_mode, how) => {
    const caller = await identify(await signForTest(STS_FORM_POST, ISSUED, how), strict);
    expect(caller).toEqual({ kind: 'session', accessKeyId: ISSUED.accessKeyId, session: SESSION });
    if (caller.kind === 'session') expect(caller.session.roleArn).toBe(SESSION.roleArn);
  });

  it("should call a GetSessionToken session of the root the root, marked temporary, even in strict mode", async () => {
    const rootSession = { ...SESSION, sessionToken: 'IQoJb3JpZ2luX2VjROOT', root: true as const };
    const creds: TestCredentials = { accessKeyId: 'ASIARZPUZDIKGROOTSES', ...rootSession };
    const req = await signForTest(STS_FORM_POST, creds, header);
    const caller = await identifyCaller(req, { clock: new FixedClock(NOW), lookupSession: (id, token) => (id === creds.accessKeyId && token === rootSession.sessionToken ? rootSession : undefined) }, strict);
    expect(caller).toEqual({ kind: 'root', accountId: '000000000000', accessKeyId: creds.accessKeyId, temporary: true });
  });

  it('should accept an asynchronous session lookup', async () => {
    const req = await signForTest(STS_FORM_POST, ISSUED, header);
    const caller = await identifyCaller(req, { clock: new FixedClock(NOW), lookupSession: async (id, token) => lookup(id, token) }, strict);
    expect(caller.kind).toBe('session');
  });

  it('should answer SignatureDoesNotMatch for an eksid key signed with another secret', async () => {
    const req = await signForTest(STS_FORM_POST, { ...ISSUED, secretAccessKey: 'guess' }, header);
    await expect(identify(req)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it.each([
    ['another session token', { ...ISSUED, sessionToken: 'IQoJb3JpZ2luX2VjOTHER' }],
    ['no session token', { accessKeyId: ISSUED.accessKeyId, secretAccessKey: ISSUED.secretAccessKey }],
  ])('should answer InvalidClientTokenId for an eksid key sent with %s', async (_name, credentials) => {
    const req = await signForTest(STS_FORM_POST, credentials, header);
    await expect(identify(req)).rejects.toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('should answer ExpiredToken once the session has expired', async () => {
    const at = SESSION.expiration;
    const req = await signForTest(STS_FORM_POST, ISSUED, { mode: 'header', date: at });
    await expect(identify(req, lenient, at)).rejects.toMatchObject({
      code: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });

  it('should answer SignatureDoesNotMatch for an eksid key whose signature is 20 minutes old', async () => {
    const req = await signForTest(STS_FORM_POST, ISSUED, header);
    await expect(identify(req, lenient, new Date(NOW.getTime() + 20 * 60_000))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: 20260102T030405Z is now earlier than/),
    });
  });

  it('should take an unknown key as the root of the account in lenient mode, whatever its secret', async () => {
    const req = await signForTest(STS_FORM_POST, { accessKeyId: 'test', secretAccessKey: 'test' }, header);
    const tampered = { ...req, body: 'Action=Anything' };
    expect(await identify(tampered, lenient, new Date('2030-01-01T00:00:00Z'))).toEqual({
      kind: 'root',
      accountId: '000000000000',
      accessKeyId: 'test',
    });
  });

  it('should keep made-up keys with a made-up session token the root in lenient mode', async () => {
    const req = await signForTest(STS_FORM_POST, { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'test' }, header);
    expect(await identify(req)).toMatchObject({ kind: 'root', accessKeyId: 'test' });
  });

  it('should answer InvalidClientTokenId in lenient mode for session credentials eksid no longer knows', async () => {
    const lost = { accessKeyId: 'ASIAQAAAAAAAPI54AA53', secretAccessKey: 'x', sessionToken: 'IQoJb3JpZ2luX2VjLOST' };
    const req = await signForTest(STS_FORM_POST, lost, header);
    const refused = identify(req);
    await expect(refused).rejects.toMatchObject({ code: 'InvalidClientTokenId', status: 403, accessKeyId: lost.accessKeyId });
    await expect(refused).rejects.toBeInstanceOf(UnknownSessionError);
  });

  it('should answer InvalidClientTokenId for an unknown key in strict mode, not as a lost session', async () => {
    const req = await signForTest(STS_FORM_POST, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, header);
    const refused = identify(req, strict);
    await expect(refused).rejects.toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    await expect(refused).rejects.not.toBeInstanceOf(UnknownSessionError);
  });

  it.each([
    ['lenient', lenient],
    ['strict', strict],
  ] as const)('should answer IncompleteSignature for a malformed header in %s mode', async (_mode, options) => {
    const req: SignedRequest = { method: 'POST', path: '/', query: {}, headers: { host: 'h', authorization: 'AWS4-HMAC-SHA256 Credential=x' }, body: '' };
    await expect(identify(req, options)).rejects.toMatchObject({ code: 'IncompleteSignature', status: 400 });
  });

  describe('with the root key pair', () => {
    const ROOT = { accessKeyId: 'AKIAQAAAAAAAROOTKEY7', secretAccessKey: 'rootSecret000000000000000000000000000000' };
    const withRoot = (mode: 'lenient' | 'strict'): IdentifyCallerOptions => ({ mode, accountId: '000000000000', rootKey: ROOT });

    it.each(['lenient', 'strict'] as const)('should take a call signed with it as the account root (%s)', async (mode) => {
      const req = await signForTest(STS_FORM_POST, ROOT, header);
      expect(await identify(req, withRoot(mode))).toEqual({ kind: 'root', accountId: '000000000000', accessKeyId: ROOT.accessKeyId });
    });

    it.each(['lenient', 'strict'] as const)('should answer SignatureDoesNotMatch for its key id with another secret (%s)', async (mode) => {
      const req = await signForTest(STS_FORM_POST, { ...ROOT, secretAccessKey: 'guess' }, header);
      await expect(identify(req, withRoot(mode))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    });

    it('should answer InvalidClientTokenId for its key id sent with a session token', async () => {
      const req = await signForTest(STS_FORM_POST, { ...ROOT, sessionToken: 'IQoJb3JpZ2luX2VjMADEUP' }, header);
      await expect(identify(req, withRoot('strict'))).rejects.toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    });
  });

  describe('credential scope', () => {
    const scope = { service: 'sts', regions: ['us-east-1'] };
    const ROOT = { accessKeyId: 'AKIAQAAAAAAAROOTKEY7', secretAccessKey: 'rootSecret000000000000000000000000000000' };

    it.each([
      ['a session', ISSUED, lenient],
      ['the root key pair', ROOT, { ...strict, rootKey: ROOT }],
    ] as const)('should answer SignatureDoesNotMatch for %s signed for another region and service', async (_name, credentials, options) => {
      const req = await signForTest(STS_FORM_POST, credentials, { ...header, region: 'x', service: 's3' });
      await expect(identify(req, { ...options, scope })).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
        status: 403,
        message: "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'sts'. ",
      });
    });

    it('should leave keys eksid does not know unchecked in lenient mode', async () => {
      const req = await signForTest(STS_FORM_POST, { accessKeyId: 'test', secretAccessKey: 'test' }, { ...header, region: 'x', service: 's3' });
      expect(await identify(req, { ...lenient, scope })).toMatchObject({ kind: 'root', accessKeyId: 'test' });
    });
  });
});
