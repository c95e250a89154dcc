import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

describe('createLogger', () => {
  it('writes logrus-shaped JSON lines at or above its level, with child fields', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sink: (l) => void lines.push(l), now: () => Date.UTC(2026, 0, 1) });
    log.child({ 'cluster-name': 'demo' }).info('hello', { 'client-addr': '127.0.0.1:1' });
    log.debug('hidden');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'info', msg: 'hello', time: '2026-01-01T00:00:00.000Z', 'cluster-name': 'demo', 'client-addr': '127.0.0.1:1' },
    ]);
  });

  it('is silent at level silent', () => {
    const lines: string[] = [];
    createLogger({ level: 'silent', sink: (l) => void lines.push(l) }).error('nope');
    expect(lines).toEqual([]);
  });
});
