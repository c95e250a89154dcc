import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../testing.js';
import { Store } from './store.js';
import type { SessionRecord } from './types.js';

const session = (accessKeyId: string): SessionRecord => sampleSession(accessKeyId, { context: { sourceIdentity: 'me' } });

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let store: Store;
const rowCount = () => (store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

beforeEach(() => {
  store = Store.open(':memory:');
});
afterEach(() => {
  store.sessions.flush();
  store.close();
});

describe('SessionRepo', () => {
  it('should answer a session the moment it is issued, before its row is written', () => {
    store.sessions.insert(session('ASIAONE'));
    expect(rowCount()).toBe(0);
    expect(store.sessions.get('ASIAONE')).toEqual(session('ASIAONE'));
  });

  it("should write the turn's sessions together once the turn is over", async () => {
    store.sessions.insert(session('ASIAONE'));
    store.sessions.insert(session('ASIATWO'));
    await nextTurn();
    expect(rowCount()).toBe(2);
    expect(store.sessions.get('ASIATWO')).toEqual(session('ASIATWO'));
  });

  it('should store the session as it was issued, not as it was changed later', () => {
    const issued = session('ASIAONE');
    store.sessions.insert(issued);
    issued.context = { sourceIdentity: 'changed' };
    store.sessions.flush();
    const row = store.db.prepare('SELECT context FROM sessions').get() as { context: string };
    expect(JSON.parse(row.context)).toEqual({ sourceIdentity: 'me' });
  });

  it('should answer a queued session as it was issued, as its row will read back', () => {
    const issued = session('ASIAONE');
    store.sessions.insert(issued);
    issued.context = { sourceIdentity: 'changed' };
    const queued = store.sessions.get('ASIAONE');
    store.sessions.flush();
    expect(queued).toEqual(session('ASIAONE'));
    expect(store.sessions.get('ASIAONE')).toEqual(queued);
  });

  it('should prune queued sessions too', () => {
    store.sessions.insert(session('ASIAONE'));
    expect(store.sessions.pruneExpired(new Date('2026-01-01T01:00:00Z'))).toBe(1);
    expect(store.sessions.get('ASIAONE')).toBeUndefined();
  });

  it('should report the sessions it could not write when the database is closed before the turn ends', async () => {
    const lost: [string, number][] = [];
    const other = Store.open(':memory:', { onLostSessions: (error, n) => lost.push([error, n]) });
    other.sessions.insert(session('ASIAONE'));
    other.sessions.insert(session('ASIATWO'));
    other.db.close();
    await nextTurn();
    expect(lost).toEqual([['the database is closed', 2]]);
  });
});
