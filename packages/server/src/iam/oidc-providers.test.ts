import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

const URL_EKS = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const ARN = 'arn:aws:iam::000000000000:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const THUMB = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.ctx.store.db.exec('DELETE FROM oidc_providers;');
});

const call = (params: Record<string, string>) => postForm(server, params);
const createEks = () => call({ Action: 'CreateOpenIDConnectProvider', Url: URL_EKS, 'ClientIDList.member.1': 'sts.amazonaws.com', 'ThumbprintList.member.1': THUMB });

describe('OpenID Connect providers', () => {
  it('creates, gets (Url without scheme), lists, updates and deletes', async () => {
    expect((await createEks()).body).toContain(`<CreateOpenIDConnectProviderResult><OpenIDConnectProviderArn>${ARN}</OpenIDConnectProviderArn></CreateOpenIDConnectProviderResult>`);
    await call({ Action: 'AddClientIDToOpenIDConnectProvider', OpenIDConnectProviderArn: ARN, ClientID: 'app' });
    await call({ Action: 'RemoveClientIDFromOpenIDConnectProvider', OpenIDConnectProviderArn: ARN, ClientID: 'sts.amazonaws.com' });
    await call({ Action: 'UpdateOpenIDConnectProviderThumbprint', OpenIDConnectProviderArn: ARN, 'ThumbprintList.member.1': 'a'.repeat(40) });
    await call({ Action: 'TagOpenIDConnectProvider', OpenIDConnectProviderArn: ARN, 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' });
    expect((await call({ Action: 'GetOpenIDConnectProvider', OpenIDConnectProviderArn: ARN })).body).toContain(
      `<GetOpenIDConnectProviderResult><Url>${URL_EKS.slice('https://'.length)}</Url><ClientIDList><member>app</member></ClientIDList><ThumbprintList><member>${'a'.repeat(40)}</member></ThumbprintList>` +
        '<CreateDate>2024-01-02T03:04:05Z</CreateDate><Tags><member><Key>k</Key><Value>v</Value></member></Tags></GetOpenIDConnectProviderResult>',
    );
    expect((await call({ Action: 'ListOpenIDConnectProviderTags', OpenIDConnectProviderArn: ARN })).body).toContain('<Tags><member><Key>k</Key><Value>v</Value></member></Tags><IsTruncated>false</IsTruncated>');
    await call({ Action: 'UntagOpenIDConnectProvider', OpenIDConnectProviderArn: ARN, 'TagKeys.member.1': 'k' });
    expect((await call({ Action: 'ListOpenIDConnectProviders' })).body).toContain(`<OpenIDConnectProviderList><member><Arn>${ARN}</Arn></member></OpenIDConnectProviderList>`);
    expect((await call({ Action: 'DeleteOpenIDConnectProvider', OpenIDConnectProviderArn: ARN })).status).toBe(200);
    expect(errorOf(await call({ Action: 'GetOpenIDConnectProvider', OpenIDConnectProviderArn: ARN }))).toEqual({ status: 404, code: 'NoSuchEntity', message: `OpenIDConnect Provider not found for arn ${ARN}` });
  });

  it("registers eksid's own http issuer without thumbprints", async () => {
    const reply = await call({ Action: 'CreateOpenIDConnectProvider', Url: 'http://127.0.0.1:4599/id/ABC', 'ClientIDList.member.1': 'sts.amazonaws.com' });
    expect(reply.body).toContain('<OpenIDConnectProviderArn>arn:aws:iam::000000000000:oidc-provider/127.0.0.1:4599/id/ABC</OpenIDConnectProviderArn>');
  });

  it('answers 409 for a URL already registered', async () => {
    await createEks();
    expect(errorOf(await createEks())).toEqual({ status: 409, code: 'EntityAlreadyExists', message: `Provider with url ${URL_EKS} already exists.` });
  });

  it.each([
    [{ Action: 'CreateOpenIDConnectProvider' }, 400, 'ValidationError', "1 validation error detected: Value null at 'url' failed to satisfy constraint: Member must not be null"],
    [{ Action: 'CreateOpenIDConnectProvider', Url: 'ftp://example.com' }, 400, 'InvalidInput', 'Invalid Open ID Connect Provider URL. The URL must begin with https://.'],
    [{ Action: 'CreateOpenIDConnectProvider', Url: `https://${'a'.repeat(250)}` }, 400, 'ValidationError', `1 validation error detected: Value 'https://${'a'.repeat(250)}' at 'url' failed to satisfy constraint: Member must have length less than or equal to 255`],
    [
      { Action: 'CreateOpenIDConnectProvider', Url: URL_EKS, 'ThumbprintList.member.1': 'abc' },
      400,
      'ValidationError',
      "1 validation error detected: Value '[abc]' at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
    ],
    [{ Action: 'GetOpenIDConnectProvider', OpenIDConnectProviderArn: ARN }, 404, 'NoSuchEntity', `OpenIDConnect Provider not found for arn ${ARN}`],
    [{ Action: 'DeleteOpenIDConnectProvider', OpenIDConnectProviderArn: ARN }, 404, 'NoSuchEntity', `OpenId connect Provider ${ARN} cannot be found.`],
    [{ Action: 'AddClientIDToOpenIDConnectProvider', OpenIDConnectProviderArn: ARN, ClientID: 'x' }, 404, 'NoSuchEntity', `OpenIDConnect Provider not found for arn ${ARN}`],
    [{ Action: 'UpdateOpenIDConnectProviderThumbprint', OpenIDConnectProviderArn: ARN }, 400, 'ValidationError', "1 validation error detected: Value null at 'thumbprintList' failed to satisfy constraint: Member must not be null"],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });
});
