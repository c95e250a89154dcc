import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database.js';
import { migrations } from './migrations.js';
import { Store } from './store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eksid-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openDatabase', () => {
  it('should use WAL and record the schema version in a data directory', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('should keep data across reopen of the same directory', () => {
    const dir = tempDir();
    const first = Store.open(dir);
    first.serviceAccounts.upsert({ clusterName: 'demo', namespace: 'default', name: 'app', uid: 'u-1', annotations: {} });
    first.close();
    const second = Store.open(dir);
    expect(second.serviceAccounts.get('demo', 'default', 'app')?.uid).toBe('u-1');
    second.close();
  });

  it('should refuse a database newer than this eksid', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this eksid/);
  });
});

describe('migrate', () => {
  it('should apply only the steps past the current version, each once', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, ['CREATE TABLE a (x)'])).toBe(1);
    expect(migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y)'])).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('should roll back a failing step and leave the version unchanged', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, ['CREATE TABLE a (x); CREATE TABLE a (x)'])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
  });
});

describe('the policy versions migration', () => {
  it('should make each existing policy document its v1, the default, and number the next v2', () => {
    const db = new BetterSqlite3(':memory:');
    const step = migrations.findIndex((m) => m.includes('CREATE TABLE managed_policy_versions'));
    migrate(db, migrations.slice(0, step));
    db.prepare(
      "INSERT INTO managed_policies (arn, account_id, name, policy_id, path, document, created_at, updated_at) VALUES ('arn:aws:iam::000000000000:policy/p', '000000000000', 'p', 'ANPA1', '/', '{\"doc\":1}', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z')",
    ).run();
    migrate(db);
    const store = new Store(db);
    expect(store.policies.getManaged('arn:aws:iam::000000000000:policy/p')).toMatchObject({ document: '{"doc":1}', defaultVersionId: 'v1' });
    expect(store.policies.listVersions('arn:aws:iam::000000000000:policy/p')).toEqual([{ versionId: 'v1', document: '{"doc":1}', createdAt: new Date('2024-01-01T00:00:00.000Z') }]);
    expect(store.policies.addVersion('arn:aws:iam::000000000000:policy/p', '{}', new Date())).toBe('v2');
    store.close();
  });
});
