import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addClientIdToOpenIdConnectProvider,
  listOpenIdConnectProviderTags,
  removeClientIdFromOpenIdConnectProvider,
  tagOpenIdConnectProvider,
  untagOpenIdConnectProvider,
  updateOpenIdConnectProviderThumbprint,
} from './oidc-provider-updates.js';
import { createOpenIdConnectProvider, deleteOpenIdConnectProvider, getOpenIdConnectProvider, listOpenIdConnectProviders, providerHostPath } from './oidc-providers.js';
import { T0, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

const EKS_URL = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const EKS_ARN = 'arn:aws:iam::000000000000:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const THUMB = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

describe('providerHostPath', () => {
  it.each([
    [EKS_URL, 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789'],
    ['http://127.0.0.1:4599/id/ABC', '127.0.0.1:4599/id/ABC'],
    ['https://example.com', 'example.com'],
    ['https://oidc.eks.us-east-1.amazonaws.com:443/id/ABC', 'oidc.eks.us-east-1.amazonaws.com/id/ABC'],
    ['https://example.com:8443/id/ABC', 'example.com:8443/id/ABC'],
  ])('keys %s as %s', (url, hostPath) => {
    expect(providerHostPath(url)).toBe(hostPath);
  });

  it.each([
    ['example.com', 'Invalid Open ID Connect Provider URL.'],
    ['ftp://example.com', 'Invalid Open ID Connect Provider URL. The URL must begin with https://.'],
    ['https://example.com/?a=1', 'Invalid Open ID Connect Provider URL.'],
    ['https://example.com/#x', 'Invalid Open ID Connect Provider URL.'],
  ])('refuses %s', (url, message) => {
    expectAwsError(() => providerHostPath(url), 'InvalidInput', 400, message);
  });
});

describe('createOpenIdConnectProvider', () => {
  it('keys the provider by host/path and dedupes client ids', () => {
    const p = createOpenIdConnectProvider(ctx, { url: EKS_URL, clientIds: ['sts.amazonaws.com', 'sts.amazonaws.com'], thumbprints: [THUMB] });
    expect(p).toEqual({ arn: EKS_ARN, accountId: '000000000000', url: EKS_URL.slice(8), clientIds: ['sts.amazonaws.com'], thumbprints: [THUMB], tags: [], createdAt: new Date(T0) });
    expect(getOpenIdConnectProvider(ctx, EKS_ARN)).toEqual(p);
    expect(listOpenIdConnectProviders(ctx).map((x) => x.arn)).toEqual([EKS_ARN]);
  });

  it('accepts eksid http issuers, without thumbprints', () => {
    const p = createOpenIdConnectProvider(ctx, { url: 'http://127.0.0.1:4599/id/ABC' });
    expect(p.arn).toBe('arn:aws:iam::000000000000:oidc-provider/127.0.0.1:4599/id/ABC');
  });

  it.each(['http://127.0.0.1:8080/idp', 'http://127.9.9.9/x', 'http://localhost:9000', 'http://LOCALHOST:9000/a', 'http://[::1]:9000/t'])('accepts http on a loopback host: %s', (url) => {
    expect(createOpenIdConnectProvider(ctx, { url }).url).toBe(url.slice('http://'.length));
  });

  it.each(['http://example.com', 'http://10.0.0.5:8080/idp', 'http://169.254.169.254/latest', 'http://127.0.0.1.nip.io/x', 'http://[::ffff:7f00:1]/x'])('refuses http elsewhere as IAM refuses it: %s', (url) => {
    expectAwsError(() => createOpenIdConnectProvider(ctx, { url }), 'InvalidInput', 400, 'Invalid Open ID Connect Provider URL. The URL must begin with https://.');
  });

  it('accepts http for its own issuers under a non-loopback public URL, and any http host when allowed', () => {
    ctx.config = { ...ctx.config, publicUrl: 'http://eksid.internal:4599' };
    expect(createOpenIdConnectProvider(ctx, { url: 'http://eksid.internal:4599/id/ABC' }).url).toBe('eksid.internal:4599/id/ABC');
    expectAwsError(() => createOpenIdConnectProvider(ctx, { url: 'http://eksid.internal:4599/other' }), 'InvalidInput', 400, 'Invalid Open ID Connect Provider URL. The URL must begin with https://.');
    ctx.config = { ...ctx.config, allowHttpIssuers: true };
    expect(createOpenIdConnectProvider(ctx, { url: 'http://idp.corp.example/x' }).url).toBe('idp.corp.example/x');
  });

  it('refuses a URL already registered', () => {
    createOpenIdConnectProvider(ctx, { url: EKS_URL });
    expectAwsError(() => createOpenIdConnectProvider(ctx, { url: EKS_URL }), 'EntityAlreadyExists', 409, `Provider with url ${EKS_URL} already exists.`);
  });

  it.each([
    [{ thumbprints: Array(6).fill(THUMB) }, 'InvalidInput', 400, 'Thumbprint list must contain fewer than 5 entries.'],
    [{ thumbprints: ['z'.repeat(40)] }, 'InvalidInput', 400, 'Thumbprint must be a hexadecimal string.'],
    [{ thumbprints: ['a'] }, 'InvalidInput', 400, 'Thumbprint must be exactly 40 characters.'],
    [{ clientIds: Array.from({ length: 101 }, (_, i) => `c${i}`) }, 'LimitExceeded', 409, 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100'],
  ])('refuses %o', (extra, code, status, message) => {
    expectAwsError(() => createOpenIdConnectProvider(ctx, { url: EKS_URL, ...extra }), code, status, message);
  });
});

describe('getOpenIdConnectProvider / deleteOpenIdConnectProvider', () => {
  it('answers NoSuchEntity for unknown providers and InvalidInput for other ARNs', () => {
    expectAwsError(() => getOpenIdConnectProvider(ctx, EKS_ARN), 'NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${EKS_ARN}`);
    expectAwsError(() => getOpenIdConnectProvider(ctx, 'arn:aws:iam::000000000000:role/x'), 'InvalidInput', 400, 'ARN arn:aws:iam::000000000000:role/x is not valid.');
  });

  it('deletes once, then answers NoSuchEntity', () => {
    createOpenIdConnectProvider(ctx, { url: EKS_URL });
    deleteOpenIdConnectProvider(ctx, EKS_ARN);
    expectAwsError(() => deleteOpenIdConnectProvider(ctx, EKS_ARN), 'NoSuchEntity', 404, `OpenId connect Provider ${EKS_ARN} cannot be found.`);
  });
});

describe('provider updates', () => {
  beforeEach(() => {
    createOpenIdConnectProvider(ctx, { url: EKS_URL, clientIds: ['sts.amazonaws.com'], tags: [{ Key: 'a', Value: '1' }] });
  });
  const ref = { openIdConnectProviderArn: EKS_ARN };

  it('adds and removes client ids idempotently', () => {
    addClientIdToOpenIdConnectProvider(ctx, { ...ref, clientId: 'app' });
    addClientIdToOpenIdConnectProvider(ctx, { ...ref, clientId: 'app' });
    removeClientIdFromOpenIdConnectProvider(ctx, { ...ref, clientId: 'sts.amazonaws.com' });
    removeClientIdFromOpenIdConnectProvider(ctx, { ...ref, clientId: 'never' });
    expect(getOpenIdConnectProvider(ctx, EKS_ARN).clientIds).toEqual(['app']);
  });

  it('replaces the thumbprint list', () => {
    updateOpenIdConnectProviderThumbprint(ctx, { ...ref, thumbprints: [THUMB, 'a'.repeat(40)] });
    expect(getOpenIdConnectProvider(ctx, EKS_ARN).thumbprints).toEqual([THUMB, 'a'.repeat(40)]);
  });

  it('tags, untags and lists tags', () => {
    tagOpenIdConnectProvider(ctx, { ...ref, tags: [{ Key: 'b', Value: '2' }] });
    untagOpenIdConnectProvider(ctx, { ...ref, tagKeys: ['A'] });
    expect(listOpenIdConnectProviderTags(ctx, ref)).toEqual({ items: [{ Key: 'b', Value: '2' }], isTruncated: false });
  });

  it('answers NoSuchEntity for updates to an unknown provider', () => {
    const ghost = `${EKS_ARN}0`;
    expectAwsError(() => addClientIdToOpenIdConnectProvider(ctx, { openIdConnectProviderArn: ghost, clientId: 'x' }), 'NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${ghost}`);
  });
});
