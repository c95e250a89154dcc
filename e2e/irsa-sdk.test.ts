import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTokenFile } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { writeTokenFile } from './support/clients.js';
import { REGION, createIrsaFixture } from './support/irsa-setup.js';
import type { IrsaFixture } from './support/irsa-setup.js';

// The JS SDK v3's web-identity providers against eksid, as a pod's SDK would use them.
describe('IRSA with the AWS SDK for JavaScript v3', () => {
  let eksid: EksidProcess;
  let fixture: IrsaFixture;
  let tokenFile: string;

  beforeAll(async () => {
    eksid = await startEksid();
    fixture = await createIrsaFixture(eksid.url, 'js-demo', 'js-app', 'default', 'app');
    tokenFile = writeTokenFile(await eksid.token({ cluster: 'js-demo', namespace: 'default', serviceAccount: 'app' }));
  });
  afterAll(async () => eksid?.stop());

  it('should get credentials from fromTokenFile and be the assumed role in GetCallerIdentity', async () => {
    const credentials = fromTokenFile({
      roleArn: fixture.roleArn,
      webIdentityTokenFile: tokenFile,
      roleSessionName: 'js-session',
      clientConfig: { endpoint: eksid.url, region: REGION },
    });
    const sts = new STSClient({ endpoint: eksid.url, region: REGION, credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/js-app/js-session');
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:js-session$/);
    const issued = await credentials();
    expect(issued.accessKeyId).toMatch(/^ASIA/);
    expect(issued.expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    sts.destroy();
  });

  it('should work through the default provider chain from the environment alone', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv('AWS_PROFILE', '');
    vi.stubEnv('AWS_ROLE_ARN', fixture.roleArn);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', tokenFile);
    vi.stubEnv('AWS_ROLE_SESSION_NAME', 'chain');
    vi.stubEnv('AWS_ENDPOINT_URL', eksid.url);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', eksid.url);
    vi.stubEnv('AWS_REGION', REGION);
    delete process.env['AWS_ACCESS_KEY_ID'];
    delete process.env['AWS_SECRET_ACCESS_KEY'];
    delete process.env['AWS_PROFILE'];
    const sts = new STSClient({ credentials: fromNodeProviderChain({ clientConfig: { region: REGION } }) });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/js-app/chain');
    sts.destroy();
  });
});
