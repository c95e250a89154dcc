import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoveryDirs, findDiscovered, removeDiscovery, resolveAdminToken, writeDiscovery } from './discovery.js';

const POSIX = process.platform !== 'win32';
let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'eksid-discovery-test-'));
  dir = join(root, 'eksid');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const entry = { url: 'http://127.0.0.1:4599', port: 4599, pid: process.pid, adminToken: 'tok-4599' };

/** A pid no process has: the largest a Linux kernel hands out is below 2^22. */
const DEAD_PID = 2 ** 22 + 17;

describe('discoveryDirs', () => {
  it('should put $XDG_RUNTIME_DIR/eksid first when set, then a per-user directory in the temp dir', () => {
    const [temporary] = discoveryDirs({});
    expect(temporary).toMatch(/[/\\]eksid-[^/\\]+$/);
    expect(discoveryDirs({ XDG_RUNTIME_DIR: '/run/user/1000' })).toEqual([join('/run/user/1000', 'eksid'), temporary]);
    expect(discoveryDirs({ XDG_RUNTIME_DIR: 'relative' })).toEqual([temporary]);
  });
});

describe('writeDiscovery', () => {
  it.runIf(POSIX)('should write the entry readable by this user only, in a directory only this user can enter', () => {
    const file = writeDiscovery(entry, dir);
    expect(file).toBe(join(dir, '4599.json'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(entry);
  });

  it.runIf(POSIX)('should refuse a directory others can read rather than publish the token', () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    expect(() => writeDiscovery(entry, dir)).toThrow(`${dir} is not a directory only this user can read (owner, mode 0700)`);
  });
});

describe('findDiscovered', () => {
  it.each([
    ['the loopback address on its port', 'http://127.0.0.1:4599'],
    ['localhost on its port', 'http://localhost:4599/'],
    ['the public URL', 'http://eksid.test:8080'],
  ])('should find a running server by %s', (_name, endpoint) => {
    writeDiscovery({ ...entry, url: endpoint.includes('eksid.test') ? 'http://eksid.test:8080' : entry.url }, dir);
    expect(findDiscovered(endpoint, [dir])?.adminToken).toBe('tok-4599');
  });

  it('should find nothing for another port, another host, or a server whose process is gone', () => {
    writeDiscovery(entry, dir);
    writeDiscovery({ ...entry, port: 4600, url: 'http://127.0.0.1:4600', pid: DEAD_PID }, dir);
    expect(findDiscovered('http://127.0.0.1:4601', [dir])).toBeUndefined();
    expect(findDiscovered('http://10.0.0.1:4599', [dir])).toBeUndefined();
    expect(findDiscovered('http://127.0.0.1:4600', [dir])).toBeUndefined();
  });

  it('should look in every directory it is given, in order', () => {
    writeDiscovery(entry, dir);
    expect(findDiscovered(entry.url, [join(root, 'missing'), dir])?.adminToken).toBe('tok-4599');
  });

  it('should ignore files it cannot read as an entry, and a missing directory', () => {
    expect(findDiscovered(entry.url, [dir])).toBeUndefined();
    writeDiscovery(entry, dir);
    writeFileSync(join(dir, '4599.json'), '{not json', { mode: 0o600 });
    expect(findDiscovered(entry.url, [dir])).toBeUndefined();
  });

  it.runIf(POSIX)('should not read a directory others can write to', () => {
    writeDiscovery(entry, dir);
    chmodSync(dir, 0o777);
    expect(findDiscovered(entry.url, [dir])).toBeUndefined();
  });
});

describe('removeDiscovery', () => {
  it('should remove its own entry, and leave one another server wrote since', () => {
    const file = writeDiscovery(entry, dir);
    removeDiscovery(file, process.pid + 1);
    expect(findDiscovered(entry.url, [dir])).toBeDefined();
    removeDiscovery(file);
    expect(findDiscovered(entry.url, [dir])).toBeUndefined();
  });
});

describe('resolveAdminToken', () => {
  it('should take the flag, then $EKSID_ADMIN_TOKEN, then the discovered one', () => {
    writeDiscovery(entry, dir);
    expect(resolveAdminToken('flag', { EKSID_ADMIN_TOKEN: 'env' }, entry.url, [dir])).toBe('flag');
    expect(resolveAdminToken(undefined, { EKSID_ADMIN_TOKEN: 'env' }, entry.url, [dir])).toBe('env');
    expect(resolveAdminToken(undefined, { EKSID_ADMIN_TOKEN: '' }, entry.url, [dir])).toBe('tok-4599');
    expect(resolveAdminToken(undefined, {}, 'http://127.0.0.1:1', [dir])).toBeUndefined();
  });
});
