import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, post, startStsServer, xmlError, xmlText } from './test-support.js';
import type { StsTestServer } from './test-support.js';

let server: StsTestServer;
let roleArn: string;
beforeAll(async () => {
  server = await startStsServer();
  roleArn = server.putRole('target', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  });
});
afterAll(() => server.close());

describe('AssumeRole over awsQuery', () => {
  it('answers a signed call with the AssumeRoleResponse document', async () => {
    const res = await post(server, { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'ops', 'Tags.member.1.Key': 'Team', 'Tags.member.1.Value': 'Blue', 'TransitiveTagKeys.member.1': 'Team' }, 'root');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><AssumeRoleResult><AssumedRoleUser><Arn>/);
    expect(xmlText(res.body, 'Arn')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/target/ops`);
    expect(Number(xmlText(res.body, 'PackedPolicySize'))).toBeGreaterThan(0);
    const session = server.ctx.store.sessions.open(xmlText(res.body, 'AccessKeyId') ?? '', xmlText(res.body, 'SessionToken') ?? '');
    expect(session?.context).toEqual({ principalTags: { Team: 'Blue' }, transitiveTagKeys: ['Team'] });
  });

  it('answers an unsigned call with MissingAuthenticationToken (403)', async () => {
    const res = await post(server, { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'ops' });
    expect(res.status).toBe(403);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' });
  });

  it('names the caller, action and role when the trust policy says no', async () => {
    const other = server.putRole('other', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }] });
    const res = await post(server, { Action: 'AssumeRole', RoleArn: other, RoleSessionName: 'ops' }, 'root');
    expect(res.status).toBe(403);
    expect(xmlError(res.body).message).toBe(`User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${other}`);
  });

  const base = { Action: 'AssumeRole', RoleArn: 'arn:aws:iam::000000000000:role/target', RoleSessionName: 'ops' };
  it.each([
    ['a short ExternalId', { ExternalId: 'x' }, "1 validation error detected: Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    ['an ExternalId with a space', { ExternalId: 'a b' }, "1 validation error detected: Value 'a b' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"],
    ['a SourceIdentity with a colon', { SourceIdentity: 'aws:me' }, "1 validation error detected: Value 'aws:me' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
    ['a tag without a value', { 'Tags.member.1.Key': 'k' }, "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"],
    ['a tag key with a forbidden character', { 'Tags.member.1.Key': 'a!', 'Tags.member.1.Value': 'v' }, "1 validation error detected: Value 'a!' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"],
    ['a tag value over 256 characters', { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v'.repeat(257) }, `1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`],
    ['a five-digit TokenCode', { TokenCode: '12345' }, "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"],
    [
      'a transitive tag key with a forbidden character (the whole list shown, as for every list of strings)',
      { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v', 'TransitiveTagKeys.member.1': 'k', 'TransitiveTagKeys.member.2': 'k!' },
      "1 validation error detected: Value '[k, k!]' at 'transitiveTagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+]",
    ],
    [
      'a tag key of 129 characters, counted as code points like IAM counts them',
      { 'Tags.member.1.Key': '\u{10400}'.repeat(129), 'Tags.member.1.Value': 'v' },
      `1 validation error detected: Value '${'\u{10400}'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    ],
  ])('answers %s with ValidationError', async (_name, extra, message) => {
    const res = await post(server, { ...base, ...(extra as Record<string, string>) }, 'root');
    expect(res.status).toBe(400);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message });
  });

  it('answers more than 10 PolicyArns with a ValidationError', async () => {
    const arns = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`PolicyArns.member.${i + 1}.arn`, `arn:aws:iam::aws:policy/P${i}`]));
    const res = await post(server, { ...base, ...arns }, 'root');
    expect(res.status).toBe(400);
    expect(xmlError(res.body).message).toMatch(/^1 validation error detected: Value '\[PolicyDescriptorType\(arn=arn:aws:iam::aws:policy\/P0\), .*\]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10$/);
  });

  it('answers 51 tags with one ValidationError for the list', async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [[`Tags.member.${i + 1}.Key`, `k${i}`], [`Tags.member.${i + 1}.Value`, 'v']]).flat());
    const res = await post(server, { ...base, ...tags }, 'root');
    expect(xmlError(res.body).message).toMatch(/^1 validation error detected: Value '\[Tag\(key=k0, value=v\), .*\]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/);
  });
});
