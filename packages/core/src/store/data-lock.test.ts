import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError } from './data-lock.js';
import { migrations } from './migrations.js';
import { Store } from './store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eksid-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Store.open and the data directory lock', () => {
  it('should refuse a second store on the same directory, naming the holder and its URL', () => {
    const first = Store.open(dir);
    first.lock?.record({ pid: process.pid, url: 'http://127.0.0.1:4599' });
    try {
      expect(() => Store.open(dir)).toThrow(new DataDirInUseError(dir, { pid: process.pid, url: 'http://127.0.0.1:4599' }));
      expect(() => Store.open(dir)).toThrow(`data directory ${dir} is in use by eksid pid ${process.pid} at http://127.0.0.1:4599`);
    } finally {
      first.close();
    }
  });

  it('should let the directory go when the store closes', () => {
    Store.open(dir).close();
    const again = Store.open(join(dir, '.'));
    expect(again.lock).toBeDefined();
    again.close();
  });

  it('should refuse before migrating, so the holder is the only one to touch the schema', () => {
    const first = Store.open(dir);
    first.lock?.record({ pid: process.pid, url: 'http://x' });
    first.db.pragma('user_version = 999');
    try {
      // A second open that migrated first would fail with "newer than this eksid" instead.
      expect(() => Store.open(dir)).toThrow(DataDirInUseError);
    } finally {
      first.db.pragma(`user_version = ${migrations.length}`);
      first.close();
    }
  });

  it('should need no lock for :memory:', () => {
    const one = Store.open(':memory:');
    const two = Store.open(':memory:');
    expect([one.lock, two.lock]).toEqual([undefined, undefined]);
    one.close();
    two.close();
  });
});
