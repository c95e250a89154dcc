import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DecisionLog, FixedClock, Store, coreConfig, systemRandom } from '@eksid/core';
import express from 'express';
import { pino } from 'pino';
import type { ServerContext } from '../context.js';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../test-server.js';
import { eksidRoutes } from '../eksid/index.js';
import { oidcRoutes } from '../oidc/index.js';
import { eksAddonVersionRoutes, eksRoutes, eksTagRoutes } from './index.js';

/*
 * Test support: the EKS, OIDC issuer and /_eksid routers alone, mounted as createApp mounts
 * them, on 127.0.0.1 port 0 with the public URL set to where they listen. Requests no
 * router answers get 418 so tests can see a route fall through. Not exported from the package.
 */
export interface EksTestServer {
  url: string;
  ctx: ServerContext;
  close(): Promise<void>;
}

export const T0 = '2026-03-01T12:00:00Z';

export async function startEksServer(): Promise<EksTestServer> {
  const store = Store.open(':memory:');
  const clock = new FixedClock(T0);
  const ctx: ServerContext = {
    store,
    deps: { clock, random: systemRandom },
    config: coreConfig(),
    log: pino({ level: 'silent' }),
    signatureMode: 'lenient',
    decisions: new DecisionLog(store, clock),
    adminToken: TEST_ADMIN_TOKEN,
  };
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.use('/_eksid', eksidRoutes(ctx));
  app.use('/id', oidcRoutes(ctx));
  app.use('/clusters', eksRoutes(ctx));
  app.use('/tags', eksTagRoutes(ctx));
  app.use('/addons', eksAddonVersionRoutes(ctx));
  app.use((_req, res) => void res.status(418).json({ fellThrough: true }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  ctx.config = coreConfig({ publicUrl: url });
  return {
    url,
    ctx,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      ctx.store.close();
    },
  };
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * A rest-json call as the SDKs make it: JSON in, JSON out; /_eksid calls carry the admin
 * token unless `headers` says otherwise.
 */
export async function callJson(server: { url: string }, method: string, path: string, body?: unknown, headers: Readonly<Record<string, string>> = ADMIN_HEADERS): Promise<JsonReply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers = { ...headers, 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A CreateCluster body with the members the API requires (service-2.json CreateClusterRequest). */
export function clusterBody(name: string, more: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return { name, roleArn: 'arn:aws:iam::000000000000:role/eks', resourcesVpcConfig: {}, ...more };
}
