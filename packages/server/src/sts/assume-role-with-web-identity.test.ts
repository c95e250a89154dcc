import { createSign } from 'node:crypto';
import { exportClusterKey } from '@eksid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, T0, decode, get, post, startStsServer, xmlError, xmlText } from './test-support.js';
import type { StsTestServer } from './test-support.js';

let server: StsTestServer;
let roleArn: string;
beforeAll(async () => {
  server = await startStsServer();
  roleArn = server.putRole('irsa', {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: server.providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${server.hostPath}:sub`]: 'system:serviceaccount:default:app', [`${server.hostPath}:aud`]: 'sts.amazonaws.com' } },
    }],
  });
});
afterAll(() => server.close());

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

describe('AssumeRoleWithWebIdentity over awsQuery', () => {
  it('answers an unsigned form POST with the AssumeRoleWithWebIdentityResponse document', async () => {
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: await server.token() });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    expect(res.body).toMatch(new RegExp(`^<AssumeRoleWithWebIdentityResponse xmlns="${NS}"><AssumeRoleWithWebIdentityResult>`));
    expect(res.body).toContain(`<ResponseMetadata><RequestId>${res.requestId}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`);
    expect(xmlText(res.body, 'SubjectFromWebIdentityToken')).toBe('system:serviceaccount:default:app');
    expect(xmlText(res.body, 'Audience')).toBe('sts.amazonaws.com');
    expect(xmlText(res.body, 'Provider')).toBe(server.providerArn);
    expect(xmlText(res.body, 'Arn')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/irsa/pod`);
    expect(xmlText(res.body, 'AssumedRoleId')).toMatch(/^AROA[A-Z2-7]{17}:pod$/);
    expect(xmlText(res.body, 'AccessKeyId')).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(xmlText(res.body, 'SecretAccessKey')).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(xmlText(res.body, 'SessionToken')).toMatch(/^IQoJb3JpZ2luX2Vj/);
    expect(xmlText(res.body, 'Expiration')).toBe('2026-03-01T13:00:00Z');
    expect(res.body).not.toContain('PackedPolicySize');
  });

  it('answers the GET query form too', async () => {
    const res = await get(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: await server.token(), DurationSeconds: '900' });
    expect(res.status).toBe(200);
    expect(xmlText(res.body, 'Expiration')).toBe('2026-03-01T12:15:00Z');
  });

  it('renders a trust-policy refusal as an awsQuery ErrorResponse', async () => {
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: await server.token('intruder') });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(new RegExp(`^<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code>`));
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
    expect(xmlText(res.body, 'RequestId')).toBe(res.requestId);
  });

  it('renders a bad token as InvalidIdentityToken', async () => {
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: 'not-a-jwt' });
    expect(res.status).toBe(400);
    expect(xmlError(res.body).code).toBe('InvalidIdentityToken');
  });

  const base = { Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::000000000000:role/irsa', RoleSessionName: 'pod', WebIdentityToken: 'x.y.z' };
  const omit = (key: keyof typeof base) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
  it.each([
    ['a missing RoleArn', omit('RoleArn'), "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"],
    ['a missing WebIdentityToken', omit('WebIdentityToken'), "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null"],
    ['a session name with a slash', { ...base, RoleSessionName: 'a/b' }, "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
    ['a one-character session name', { ...base, RoleSessionName: 'a' }, "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    ['a 65-character session name', { ...base, RoleSessionName: 'a'.repeat(65) }, `1 validation error detected: Value '${'a'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`],
    ['a short token (value redacted)', { ...base, WebIdentityToken: 'abc' }, "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4"],
    ['a short RoleArn', { ...base, RoleArn: 'arn:aws:iam::1:role' }, "1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
    ['DurationSeconds under 900', { ...base, DurationSeconds: '899' }, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
    ['DurationSeconds over 43200', { ...base, DurationSeconds: '43201' }, "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"],
    ['a session policy over 2048 characters', { ...base, Policy: ' '.repeat(2049) }, `1 validation error detected: Value '${' '.repeat(2049)}' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048`],
    ['two problems at once', { ...base, RoleSessionName: 'a', DurationSeconds: '1' }, "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '1' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
  ])('answers %s with ValidationError', async (_name, params, message) => {
    const res = await post(server, params as Record<string, string>);
    expect(res.status).toBe(400);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message });
    expect(decode(res.body)).toContain(message);
  });
});

describe('AssumeRoleWithWebIdentity with odd claims signed by the cluster key', () => {
  const NOW = Date.parse(T0) / 1000;
  const INVALID = 'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  /** RS256 over the exact payload text, so claims JSON cannot carry (1e400) can be signed too. */
  async function signedText(payload: string, header: Record<string, unknown> = {}): Promise<string> {
    const { kid, privateKeyPem } = await exportClusterKey(server.ctx.store, server.ctx.deps, 'c1');
    const input = `${b64(JSON.stringify({ alg: 'RS256', kid, ...header }))}.${b64(payload)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
  }
  const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    signedText(JSON.stringify({ aud: 'sts.amazonaws.com', exp: NOW + 3600, iat: NOW, iss: `http://${server.hostPath}`, sub: 'system:serviceaccount:default:app', ...claims }), header);

  it.each([
    ['exp at the edge of a Date (8.64e12 s)', { exp: 8.64e12 + 1 }, INVALID],
    ['exp 1e20', { exp: 1e20 }, INVALID],
    ['exp -1e20', { exp: -1e20 }, INVALID],
    ['exp missing', { exp: undefined }, 'Missing a required claim: exp'],
    ['nbf -1e20', { nbf: -1e20 }, INVALID],
    ['iat 1e20', { iat: 1e20 }, INVALID],
  ])('answers %s with InvalidIdentityToken, never a 500', async (_name, claims, message) => {
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: await signed(claims) });
    expect([res.status, xmlError(res.body)]).toEqual([400, { type: 'Sender', code: 'InvalidIdentityToken', message }]);
  });

  it('answers exp 1e400 (Infinity once parsed) with InvalidIdentityToken', async () => {
    const payload = JSON.stringify({ aud: 'sts.amazonaws.com', exp: 7777, iss: `http://${server.hostPath}`, sub: 'system:serviceaccount:default:app' }).replace('7777', '1e400');
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: await signedText(payload) });
    expect([res.status, xmlError(res.body)]).toEqual([400, { type: 'Sender', code: 'InvalidIdentityToken', message: 'Missing a required claim: exp' }]);
  });

  it.each([[['foo']], [[]], ['exp']])('refuses crit %j (RFC 7515 §4.1.11)', async (crit) => {
    const token = await signed({}, { crit, foo: 1 });
    const res = await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: token });
    expect([res.status, xmlError(res.body)]).toEqual([400, { type: 'Sender', code: 'InvalidIdentityToken', message: INVALID }]);
  });
});
