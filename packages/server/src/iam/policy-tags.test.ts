import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

// TagPolicy, UntagPolicy and ListPolicyTags over raw awsQuery.
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const ARN = 'arn:aws:iam::000000000000:policy/read';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.ctx.store.db.exec('DELETE FROM managed_policies; DELETE FROM managed_policy_versions;');
  await call({ Action: 'CreatePolicy', PolicyName: 'read', PolicyDocument: DOC });
});

const call = (params: Record<string, string>) => postForm(server, params);

describe('TagPolicy / UntagPolicy / ListPolicyTags', () => {
  it('tags, lists and untags a customer managed policy, and GetPolicy shows the tags', async () => {
    expect((await call({ Action: 'TagPolicy', PolicyArn: ARN, 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'a', 'Tags.member.2.Key': 'env', 'Tags.member.2.Value': 'dev' })).body).toContain(
      '<TagPolicyResponse',
    );
    expect((await call({ Action: 'ListPolicyTags', PolicyArn: ARN })).body).toContain(
      '<ListPolicyTagsResult><Tags><member><Key>team</Key><Value>a</Value></member><member><Key>env</Key><Value>dev</Value></member></Tags><IsTruncated>false</IsTruncated></ListPolicyTagsResult>',
    );
    expect((await call({ Action: 'UntagPolicy', PolicyArn: ARN, 'TagKeys.member.1': 'TEAM' })).status).toBe(200);
    expect((await call({ Action: 'GetPolicy', PolicyArn: ARN })).body).toContain('<Tags><member><Key>env</Key><Value>dev</Value></member></Tags>');
  });

  it.each([
    [
      { Action: 'TagPolicy', PolicyArn: ARN, 'Tags.member.1.Key': 'a', 'Tags.member.1.Value': '1', 'Tags.member.2.Key': 'A', 'Tags.member.2.Value': '2' },
      400,
      'InvalidInput',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    ],
    [{ Action: 'TagPolicy', PolicyArn: ARN }, 400, 'ValidationError', "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"],
    [{ Action: 'UntagPolicy', PolicyArn: 'arn:aws:iam::000000000000:policy/gone', 'TagKeys.member.1': 'a' }, 404, 'NoSuchEntity', 'Policy arn:aws:iam::000000000000:policy/gone was not found.'],
    [{ Action: 'ListPolicyTags', PolicyArn: ARN, MaxItems: '0' }, 400, 'ValidationError', "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });
});
