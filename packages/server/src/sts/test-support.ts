import {
  clusterArn,
  issuerHostPath,
  issuerUrl,
  mintServiceAccountToken,
  newOidcId,
  newRoleId,
  oidcProviderArn,
  roleArn,
  systemRandom,
} from '@eksid/core';
import type { ServerContext } from '../context.js';
import { startTestServer } from '../test-server.js';

/*
 * Test support: the whole app (test-server.ts) with one cluster whose issuer is a registered
 * OIDC provider. Not exported from the package.
 */
export const ACCOUNT = '000000000000';
export const T0 = '2026-03-01T12:00:00Z';

export interface StsTestServer {
  url: string;
  ctx: ServerContext;
  providerArn: string;
  hostPath: string;
  putRole(name: string, trust: object, maxSessionDuration?: number): string;
  token(serviceAccount?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStsServer(): Promise<StsTestServer> {
  const server = await startTestServer({ at: T0, config: { accountId: ACCOUNT } });
  const { ctx, clock } = server;
  const oidcId = newOidcId(systemRandom);
  ctx.store.clusters.insert({ accountId: ACCOUNT, name: 'c1', arn: clusterArn('aws', 'us-east-1', ACCOUNT, 'c1'), oidcId, createdAt: clock.now(), spec: {} });
  const hostPath = issuerHostPath(issuerUrl(ctx.config, oidcId));
  const providerArn = oidcProviderArn('aws', ACCOUNT, hostPath);
  ctx.store.oidcProviders.put({ arn: providerArn, accountId: ACCOUNT, url: hostPath, clientIds: ['sts.amazonaws.com'], thumbprints: [], tags: [], createdAt: clock.now() });

  return {
    url: server.url,
    ctx,
    providerArn,
    hostPath,
    putRole: (name, trust, maxSessionDuration = 3600) => {
      const arn = roleArn('aws', ACCOUNT, '/', name);
      ctx.store.roles.put({
        accountId: ACCOUNT, name, roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn, assumeRolePolicy: JSON.stringify(trust),
        description: null, maxSessionDuration, permissionsBoundary: null, tags: [], createdAt: clock.now(),
      });
      return arn;
    },
    token: (serviceAccount = 'app') =>
      mintServiceAccountToken(ctx.store, ctx.deps, ctx.config, { clusterName: 'c1', namespace: 'default', serviceAccount, audiences: ['sts.amazonaws.com'], expirationSeconds: 3600 }),
    close: () => server.close(),
  };
}

export interface Reply {
  status: number;
  contentType: string;
  requestId: string;
  body: string;
}

async function reply(res: Response): Promise<Reply> {
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', requestId: res.headers.get('x-amzn-requestid') ?? '', body: await res.text() };
}

/**
 * A form POST as the SDKs send it. `signedAs` adds a well-formed SigV4 Authorization header for
 * an access key eksid never issued, which lenient mode takes as the account root without
 * checking the signature (sigv4/identify-caller.ts); real signatures are exercised in e2e/sts.test.ts.
 */
export async function post(server: StsTestServer, params: Record<string, string>, signedAs?: 'root'): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (signedAs === 'root') {
    headers['x-amz-date'] = '20260301T120000Z';
    headers['authorization'] = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';
  }
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  return reply(await fetch(`${server.url}/`, { method: 'POST', headers, body }));
}

export async function get(server: StsTestServer, params: Record<string, string>): Promise<Reply> {
  return reply(await fetch(`${server.url}/?${new URLSearchParams({ Version: '2011-06-15', ...params }).toString()}`));
}

/** Text of the first <name> element (test XML is ours, flat and escaped by xmlBody). */
export function xmlText(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

export function xmlError(body: string): { type?: string; code?: string; message?: string } {
  return { type: xmlText(body, 'Type'), code: xmlText(body, 'Code'), message: decode(xmlText(body, 'Message') ?? '') };
}

export function decode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}
