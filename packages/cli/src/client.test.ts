import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { callEksid, endpointHelp, resolveEndpoint, resolveTarget } from './client.js';
import { UsageError } from './errors.js';

describe('resolveEndpoint', () => {
  it.each([
    ['http://flag:1/', { EKSID_ENDPOINT: 'http://a:2', AWS_ENDPOINT_URL: 'http://b:3' }, 'http://flag:1'],
    [undefined, { EKSID_ENDPOINT: 'http://a:2/', AWS_ENDPOINT_URL: 'http://b:3' }, 'http://a:2'],
    [undefined, { AWS_ENDPOINT_URL: 'https://b:3' }, 'https://b:3'],
    [undefined, { EKSID_ENDPOINT: '', AWS_ENDPOINT_URL: 'http://b:3' }, 'http://b:3'],
    [undefined, { AWS_ENDPOINT_URL_STS: 'http://sts:4' }, 'http://127.0.0.1:4599'],
    [undefined, {}, 'http://127.0.0.1:4599'],
  ])('should take --endpoint %s, else $EKSID_ENDPOINT, else $AWS_ENDPOINT_URL, else the default (env %j)', (flag, env, expected) => {
    expect(resolveEndpoint(flag, env)).toBe(expected);
  });

  it('should put a service\'s own AWS variable between eksid\'s and the global one', () => {
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL_EKS_AUTH: 'http://auth:1', AWS_ENDPOINT_URL: 'http://b:3' }, 'EKS_AUTH')).toBe('http://auth:1');
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL_EKS_AUTH: 'http://auth:1', EKSID_ENDPOINT: 'http://a:2' }, 'EKS_AUTH')).toBe('http://a:2');
  });

  it.each([
    ['nope', {}, "invalid endpoint 'nope': expected a URL like http://127.0.0.1:4599"],
    ['ftp://x', {}, "invalid endpoint 'ftp://x': expected http:// or https://"],
    [undefined, { AWS_ENDPOINT_URL: 'localhost:4566' }, "invalid endpoint 'localhost:4566' (from $AWS_ENDPOINT_URL): expected http:// or https://"],
    [undefined, { EKSID_ENDPOINT: '127.0.0.1' }, "invalid endpoint '127.0.0.1' (from $EKSID_ENDPOINT): expected a URL like http://127.0.0.1:4599"],
  ])('should refuse %s (env %j) as a usage error that says where it came from', (flag, env, message) => {
    expect(() => resolveEndpoint(flag, env)).toThrow(UsageError);
    expect(() => resolveEndpoint(flag, env)).toThrow(message);
  });
});

describe('endpointHelp', () => {
  it('should name the variables in the order resolveEndpoint reads them', () => {
    expect(endpointHelp()).toBe('eksid server (default: $EKSID_ENDPOINT, else $AWS_ENDPOINT_URL, else http://127.0.0.1:4599)');
    expect(endpointHelp('EKS Auth endpoint', 'EKS_AUTH')).toBe('EKS Auth endpoint (default: $EKSID_ENDPOINT, else $AWS_ENDPOINT_URL_EKS_AUTH, else $AWS_ENDPOINT_URL, else http://127.0.0.1:4599)');
  });
});

describe('callEksid', () => {
  it('should send the admin token it has in X-Eksid-Admin-Token, and no such header without one', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['x-eksid-admin-token'] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await callEksid({ endpoint, adminToken: 'secret' }, 'GET', '/_eksid/events');
      await callEksid({ endpoint, adminToken: 'secret' }, 'POST', '/_eksid/token', {});
      await callEksid({ endpoint, adminToken: undefined }, 'GET', '/_eksid/events');
      expect(seen).toEqual(['secret', 'secret', undefined]);
    } finally {
      server.close();
    }
  });
});

describe('resolveTarget', () => {
  it('should take --admin-token, else $EKSID_ADMIN_TOKEN, for the endpoint it resolves', () => {
    expect(resolveTarget({ endpoint: 'http://eksid.test:1', adminToken: 'flag' }, { EKSID_ADMIN_TOKEN: 'env' })).toEqual({ endpoint: 'http://eksid.test:1', adminToken: 'flag' });
    expect(resolveTarget({}, { EKSID_ENDPOINT: 'http://eksid.test:2', EKSID_ADMIN_TOKEN: 'env' })).toEqual({ endpoint: 'http://eksid.test:2', adminToken: 'env' });
    expect(resolveTarget({ endpoint: 'http://eksid.test:3' }, {})).toEqual({ endpoint: 'http://eksid.test:3', adminToken: undefined });
  });
});
