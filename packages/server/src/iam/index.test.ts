import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IAM_SCOPE, errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());

describe('iamService', () => {
  it('answers an unknown action signed for IAM with 400 InvalidAction in the IAM namespace', async () => {
    // The SigV4 credential scope names the service, as every IAM client sends it (protocols/aws-query.ts).
    const reply = await postForm(server, { Action: 'CreateUserPoolThing' }, IAM_SCOPE);
    expect(errorOf(reply)).toEqual({ status: 400, code: 'InvalidAction', message: 'Could not find operation CreateUserPoolThing for version NO_VERSION_SPECIFIED' });
    expect(reply.body).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type>/);
  });

  it('lists no providers on a fresh server', async () => {
    expect((await postForm(server, { Action: 'ListOpenIDConnectProviders' })).body).toContain('<ListOpenIDConnectProvidersResult><OpenIDConnectProviderList></OpenIDConnectProviderList></ListOpenIDConnectProvidersResult>');
  });
});
