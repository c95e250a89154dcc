import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@eksid/core/log';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listPodIdentityAssociations, pollEksidAssociations } from './eksid-associations.js';
import { ContainerCredentialsConfigError, parseContainerCredentialsConfig, watchContainerCredentialsConfig } from './file-config.js';
import { IdentityMap, anyIdentity, identitySet, staticIdentities } from './types.js';

/** A logger whose entries the test reads back, as JSON objects. */
async function recordingLog() {
  const entries: Record<string, unknown>[] = [];
  const log = await createLogger({ format: 'json', write: (line) => void entries.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, entries };
}

describe('parseContainerCredentialsConfig', () => {
  it('reads upstream\'s identities format', () => {
    const text = JSON.stringify({ identities: [{ namespace: 'apps', serviceAccount: 'agent', workloadIdentity: true }] });
    expect(parseContainerCredentialsConfig(text)).toEqual([{ namespace: 'apps', serviceAccount: 'agent' }]);
  });

  it.each(['', '  \n', '{}', '{"identities":null}'])('reads %j as no identities', (text) => {
    expect(parseContainerCredentialsConfig(text)).toEqual([]);
  });

  it.each([
    ['{', 'container credentials config is not JSON'],
    ['{"identities":{}}', '"identities" must be an array'],
    ['{"identities":[{"namespace":"a"}]}', 'identities[0] needs string namespace and serviceAccount'],
  ])('rejects %j', (text, message) => {
    expect(() => parseContainerCredentialsConfig(text)).toThrow(ContainerCredentialsConfigError);
    expect(() => parseContainerCredentialsConfig(text)).toThrow(message);
  });
});

// Replaces the file in one step, as a ConfigMap volume update does (symlink swap). writeFile
// truncates first, and a poll that lands in between reads an empty file, which rightly clears
// the set: that made the test below fail now and then.
async function replaceFile(path: string, text: string): Promise<void> {
  await writeFile(`${path}.next`, text);
  await rename(`${path}.next`, path);
}

describe('watchContainerCredentialsConfig', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'eksid-cc-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loads the file and follows changes, keeping the last good content on a bad write', async () => {
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify({ identities: [{ namespace: 'a', serviceAccount: 'one' }] }));
    const { log, entries } = await recordingLog();
    const watched = await watchContainerCredentialsConfig(path, { intervalMs: 10, log });
    try {
      expect(watched.has('a', 'one')).toBe(true);
      expect(watched.has('a', 'two')).toBe(false);
      await replaceFile(path, JSON.stringify({ identities: [{ namespace: 'a', serviceAccount: 'two' }] }));
      await vi.waitFor(() => expect(watched.has('a', 'two')).toBe(true), { timeout: 5000, interval: 10 });
      expect(watched.has('a', 'one')).toBe(false);
      await replaceFile(path, '{not json');
      await vi.waitFor(() => expect(entries).toContainEqual(expect.objectContaining({
        level: 'warn', msg: 'cannot read the container credentials config', path, err: expect.objectContaining({ message: expect.stringContaining('not JSON') }),
      })), { timeout: 5000, interval: 10 });
      expect(watched.has('a', 'two')).toBe(true);
    } finally {
      watched.close();
    }
  });

  it('starts empty when the file does not exist yet', async () => {
    const watched = await watchContainerCredentialsConfig(join(dir, 'absent.json'), { intervalMs: 10 });
    expect(watched.has('a', 'one')).toBe(false);
    watched.close();
  });
});

describe('eksid association API', () => {
  let server: Server;
  let endpoint: string;
  let pages: Record<string, { associations: unknown[]; nextToken?: string }>;
  let failing = false;
  const seen: string[] = [];

  beforeEach(async () => {
    failing = false;
    seen.length = 0;
    pages = {
      '': { associations: [{ clusterName: 'dev', namespace: 'apps', serviceAccount: 'agent', associationId: 'a-1' }], nextToken: 'p2' },
      p2: { associations: [{ clusterName: 'dev', namespace: 'jobs', serviceAccount: 'batch', associationId: 'a-2' }] },
    };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push(`${url.pathname}?${url.searchParams.toString()}`);
      const page = pages[url.searchParams.get('nextToken') ?? ''];
      if (failing || url.pathname !== '/clusters/dev/pod-identity-associations' || page === undefined) {
        res.writeHead(failing ? 500 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'No cluster found for name: nope.' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(page));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('follows nextToken across pages of ListPodIdentityAssociations', async () => {
    await expect(listPodIdentityAssociations({ endpoint, cluster: 'dev' })).resolves.toEqual([
      { namespace: 'apps', serviceAccount: 'agent', associationId: 'a-1' },
      { namespace: 'jobs', serviceAccount: 'batch', associationId: 'a-2' },
    ]);
    expect(seen).toEqual([
      '/clusters/dev/pod-identity-associations?maxResults=100',
      '/clusters/dev/pod-identity-associations?maxResults=100&nextToken=p2',
    ]);
  });

  it('reports an AWS error response with its status', async () => {
    await expect(listPodIdentityAssociations({ endpoint: `${endpoint}/`, cluster: 'nope' })).rejects.toThrow('HTTP 404');
  });

  it('polls, and keeps the last good list while the API fails', async () => {
    const { log, entries } = await recordingLog();
    const polled = await pollEksidAssociations({ endpoint, cluster: 'dev', intervalMs: 60_000, log });
    try {
      expect(polled.has('jobs', 'batch')).toBe(true);
      pages = { '': { associations: [{ namespace: 'apps', serviceAccount: 'new' }] } };
      await polled.refresh();
      expect(polled.has('apps', 'new')).toBe(true);
      expect(polled.has('jobs', 'batch')).toBe(false);
      failing = true;
      await polled.refresh();
      expect(polled.has('apps', 'new')).toBe(true);
      expect(entries).toEqual([expect.objectContaining({ level: 'warn', endpoint, err: expect.objectContaining({ message: expect.stringContaining('HTTP 500') }) })]);
    } finally {
      polled.close();
    }
  });
});

describe('pollEksidAssociations describe', () => {
  it('names each association and, once described, its role; upstream\'s file source names neither', async () => {
    let role = 'arn:aws:iam::000000000000:role/agent';
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url?.startsWith('/clusters/dev/pod-identity-associations/a-1') === true
        ? { association: { associationId: 'a-1', roleArn: role } }
        : { associations: [{ namespace: 'apps', serviceAccount: 'agent', associationId: 'a-1' }, { namespace: 'apps', serviceAccount: 'x' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const polled = await pollEksidAssociations({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cluster: 'dev', intervalMs: 60_000 });
    try {
      const lookup = anyIdentity([staticIdentities([{ namespace: 'apps', serviceAccount: 'file' }]), polled]);
      expect(lookup.describe?.('apps', 'agent')).toEqual({ associationId: 'a-1', roleArn: 'arn:aws:iam::000000000000:role/agent' });
      expect(lookup.describe?.('apps', 'x')).toBeUndefined();
      expect(lookup.describe?.('apps', 'file')).toBeUndefined();
      role = 'arn:aws:iam::000000000000:role/updated';
      for (let i = 0; i < 15; i++) await polled.refresh();
      expect(polled.describe?.('apps', 'agent')?.roleArn).toBe('arn:aws:iam::000000000000:role/updated');
    } finally {
      polled.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('staticIdentities / anyIdentity', () => {
  it('matches exact namespace and service account across sources', () => {
    const lookup = anyIdentity([staticIdentities([{ namespace: 'a', serviceAccount: 'x' }]), staticIdentities([{ namespace: 'b', serviceAccount: 'y' }])]);
    expect([lookup.has('a', 'x'), lookup.has('b', 'y'), lookup.has('a', 'y'), lookup.has('a/x', '')]).toEqual([true, true, false, false]);
  });
});

describe('IdentityMap', () => {
  it('should keep ("a", "b/c") and ("a/b", "c") apart', () => {
    const map = new IdentityMap<number>().set('a', 'b/c', 1).set('a/b', 'c', 2);
    expect([map.get('a', 'b/c'), map.get('a/b', 'c'), map.get('a', 'b'), map.has('a/b', 'c'), map.has('a', 'c')]).toEqual([1, 2, undefined, true, false]);
  });

  it('should replace a value and list every value once', () => {
    const map = new IdentityMap<string>().set('a', 'x', 'old').set('a', 'x', 'new').set('b', 'y', 'other');
    expect([...map.values()]).toEqual(['new', 'other']);
  });

  it('should build a lookup set from identities (identitySet)', () => {
    const set = identitySet([{ namespace: 'a', serviceAccount: 'x' }, { namespace: 'b', serviceAccount: 'y', associationId: 'a-1' }]);
    expect([set.has('a', 'x'), set.has('b', 'y'), set.has('a', 'y')]).toEqual([true, true, false]);
  });
});
