import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hasPodIdentityAssociation, readServiceAccount } from './lookup.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering every request with one status, error type and body; records the paths asked. */
async function answer(status: number, body: unknown, errorType?: string): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const target = { cluster: 'demo', namespace: 'default', serviceAccount: 'app' };

describe('hasPodIdentityAssociation', () => {
  it('should ask with the AWS filters and match the answer itself', async () => {
    const other = { namespace: 'default', serviceAccount: 'other' };
    const { url, paths } = await answer(200, { associations: [other] });
    expect(await hasPodIdentityAssociation({ endpoint: url, adminToken: undefined }, target)).toBe(false);
    expect(paths).toEqual(['/clusters/demo/pod-identity-associations?namespace=default&serviceAccount=app']);
  });

  it('should find a matching association', async () => {
    const { url } = await answer(200, { associations: [{ namespace: 'default', serviceAccount: 'app', associationId: 'a-1' }] });
    expect(await hasPodIdentityAssociation({ endpoint: url, adminToken: undefined }, target)).toBe(true);
  });

  it('should treat a server without the association API as having none', async () => {
    const { url } = await answer(404, { message: 'No operation at GET /clusters/demo/pod-identity-associations' }, 'UnknownOperationException');
    expect(await hasPodIdentityAssociation({ endpoint: url, adminToken: undefined }, target)).toBe(false);
  });

  it('should report any other error in one line', async () => {
    const { url } = await answer(404, { message: 'No cluster found for name: demo.' }, 'ResourceNotFoundException');
    await expect(hasPodIdentityAssociation({ endpoint: url, adminToken: undefined }, target)).rejects.toThrow('cannot list pod identity associations: No cluster found for name: demo.');
  });
});

describe('readServiceAccount', () => {
  it('should keep only string annotations', async () => {
    const { url, paths } = await answer(200, { namespace: 'default', name: 'app', uid: 'u-1', annotations: { a: 'b', n: 1 } });
    expect(await readServiceAccount({ endpoint: url, adminToken: undefined }, target)).toEqual({ uid: 'u-1', annotations: { a: 'b' } });
    expect(paths).toEqual(['/_eksid/clusters/demo/service-accounts/default/app']);
  });
});
