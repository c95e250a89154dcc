import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTokenRefresh, writeTokenFile } from './token-files.js';
import type { Scheduler } from './token-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eksid-token-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A scheduler the test fires by hand: no sleeping. */
function manualScheduler(): Scheduler & { pending: { ms: number; fn: () => void; cancelled: boolean }[]; fire(): Promise<void> } {
  const pending: { ms: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    pending,
    after: (ms, fn) => {
      const entry = { ms, fn, cancelled: false };
      pending.push(entry);
      return () => void (entry.cancelled = true);
    },
    fire: async () => {
      const next = pending.shift();
      next?.fn();
      // Let the mint promise and the write settle.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('writeTokenFile', () => {
  it('should write the token alone, no trailing newline, mode 0600 in a 0700 directory', () => {
    const file = join(dir, 'pods', 'token');
    writeTokenFile(file, 'a.b.c');
    expect(readFileSync(file, 'utf8')).toBe('a.b.c');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'pods')).mode & 0o777).toBe(0o700);
  });
});

describe('startTokenRefresh', () => {
  it('should write the first token, then a fresh one at 80% of its lifetime', async () => {
    const scheduler = manualScheduler();
    let n = 0;
    const file = join(dir, 'token');
    const refresh = await startTokenRefresh({ file, expirationSeconds: 3600, mint: async () => `token-${++n}`, scheduler, onError: () => undefined });
    expect(readFileSync(file, 'utf8')).toBe('token-1');
    expect(scheduler.pending.map((p) => p.ms)).toEqual([2_880_000]);
    await scheduler.fire();
    expect(readFileSync(file, 'utf8')).toBe('token-2');
    expect(scheduler.pending.map((p) => p.ms)).toEqual([2_880_000]);
    refresh.close();
    expect(scheduler.pending[0]?.cancelled).toBe(true);
  });

  it('should report a failed refresh, keep the old token and retry a minute later', async () => {
    const scheduler = manualScheduler();
    const errors: string[] = [];
    const replies = [async () => 'token-1', async () => { throw new Error('cannot reach eksid'); }, async () => 'token-3'];
    const file = join(dir, 'token');
    const refresh = await startTokenRefresh({ file, expirationSeconds: 86_400, mint: () => (replies.shift() as () => Promise<string>)(), scheduler, onError: (m) => errors.push(m) });
    await scheduler.fire();
    expect(errors).toEqual(['token refresh failed, retrying: cannot reach eksid']);
    expect(readFileSync(file, 'utf8')).toBe('token-1');
    expect(scheduler.pending.map((p) => p.ms)).toEqual([60_000]);
    await scheduler.fire();
    expect(readFileSync(file, 'utf8')).toBe('token-3');
    refresh.close();
  });

  it('should fail to start when the first token cannot be minted', async () => {
    const start = startTokenRefresh({ file: join(dir, 't'), expirationSeconds: 600, mint: () => Promise.reject(new Error('No cluster found for name: x.')), scheduler: manualScheduler(), onError: () => undefined });
    await expect(start).rejects.toThrow('No cluster found for name: x.');
  });
});
