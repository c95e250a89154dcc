import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleSessionFacts } from '../testing.js';
import { SESSION_SEAL_KEY } from './sessions.js';
import { Store } from './store.js';
import type { SessionFacts } from './types.js';

const facts = (over: Partial<SessionFacts> = {}): SessionFacts => sampleSessionFacts('ASIAQAAAAAAAPI54AA53', {
  context: { principalTags: { team: 'a' }, transitiveTagKeys: ['team'], sourceIdentity: 'me' },
  createdAt: new Date('2026-01-01T00:00:00.250Z'),
  ...over,
});
const nonce = (byte = 7) => Buffer.alloc(12, byte);
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let store: Store;
beforeEach(() => {
  store = Store.open(':memory:');
});
afterEach(() => store.close());

describe('SessionSeal', () => {
  it('should open a token to the session it sealed, secret included, without writing a row', () => {
    const changes = store.db.prepare('SELECT total_changes() AS n');
    store.sessions.seal(facts(), SECRET, nonce(0)); // makes the seal key now, not below
    const before = changes.get();
    const session = store.sessions.seal(facts(), SECRET, nonce());
    expect(changes.get()).toEqual(before);
    expect(store.sessions.open(session.accessKeyId, session.sessionToken)).toEqual(session);
    expect(session).toMatchObject({ ...facts(), secretAccessKey: SECRET });
  });

  it('should look like an AWS session token', () => {
    const session = store.sessions.seal(facts(), SECRET, nonce());
    expect(session.sessionToken).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/]+=*$/);
    expect(session.sessionToken.length).toBeGreaterThan(200);
    expect(session.sessionToken.length).toBeLessThan(1000);
  });

  it('should give each nonce its own token', () => {
    const one = store.sessions.seal(facts(), SECRET, nonce(1));
    const two = store.sessions.seal(facts(), SECRET, nonce(2));
    expect(one.sessionToken).not.toBe(two.sessionToken);
  });

  it('should not show the secret in the token', () => {
    const session = store.sessions.seal(facts(), SECRET, nonce());
    expect(Buffer.from(session.sessionToken, 'base64').toString('latin1')).not.toContain(SECRET);
  });

  it('should open nothing for another access key id', () => {
    const session = store.sessions.seal(facts(), SECRET, nonce());
    expect(store.sessions.open('ASIAQAAAAAAAPI54AA54', session.sessionToken)).toBeUndefined();
  });

  it('should open nothing for a token changed in any byte', () => {
    const session = store.sessions.seal(facts(), SECRET, nonce());
    const raw = Buffer.from(session.sessionToken, 'base64');
    for (const at of [12, 13, 30, raw.length - 1]) {
      const changed = Buffer.from(raw);
      changed[at] = (changed[at] as number) ^ 1;
      expect(store.sessions.open(session.accessKeyId, changed.toString('base64'))).toBeUndefined();
    }
  });

  it.each(['', 'test', 'IQoJb3JpZ2luX2Vj', 'IQoJb3JpZ2luX2VjSESSION', '%%%', 'IQoJb3JpZ2luX2VjSgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'])(
    'should open nothing for the made-up token %j',
    (token) => {
      expect(store.sessions.open('ASIAQAAAAAAAPI54AA53', token)).toBeUndefined();
    },
  );

  it("should open nothing another store sealed (another instance's key)", () => {
    const session = store.sessions.seal(facts(), SECRET, nonce());
    const other = Store.open(':memory:');
    expect(other.sessions.open(session.accessKeyId, session.sessionToken)).toBeUndefined();
    other.close();
  });

  it('should deflate large facts and still open them', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(1900)}/*` }] });
    const session = store.sessions.seal(facts({ context: { sessionPolicy: policy } }), SECRET, nonce());
    expect(session.sessionToken.length).toBeLessThan(policy.length);
    expect(store.sessions.open(session.accessKeyId, session.sessionToken)?.context).toEqual({ sessionPolicy: policy });
  });

  it('should refuse a nonce of the wrong size as a caller bug', () => {
    expect(() => store.sessions.seal(facts(), SECRET, Buffer.alloc(8))).toThrow(new TypeError('a session nonce is 12 bytes, got 8'));
  });
});

describe('SessionSeal across restarts', () => {
  it('should keep its key with the data, so tokens open after the store is reopened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-seal-'));
    try {
      const first = Store.open(dir);
      const session = first.sessions.seal(facts(), SECRET, nonce());
      first.close();
      const again = Store.open(dir);
      expect(again.instanceSecrets.get(SESSION_SEAL_KEY)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(again.sessions.open(session.accessKeyId, session.sessionToken)).toEqual(session);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
