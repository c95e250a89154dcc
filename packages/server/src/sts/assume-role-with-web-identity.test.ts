import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, decode, get, post, startStsServer, xmlError, xmlText } from './test-support.js';
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
