import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());

describe('iamService', () => {
  it('answers an unknown action with 400 InvalidAction in the IAM namespace', async () => {
    const reply = await postForm(server, { Action: 'CreateUserPoolThing' });
    expect(errorOf(reply)).toEqual({ status: 400, code: 'InvalidAction', message: 'Could not find operation CreateUserPoolThing for version NO_VERSION_SPECIFIED' });
    expect(reply.body).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type>/);
  });

  it('lists no providers on a fresh server', async () => {
    expect((await postForm(server, { Action: 'ListOpenIDConnectProviders' })).body).toContain('<ListOpenIDConnectProvidersResult><OpenIDConnectProviderList></OpenIDConnectProviderList></ListOpenIDConnectProvidersResult>');
  });
});
