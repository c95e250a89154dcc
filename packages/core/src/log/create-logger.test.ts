import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.js';
import type { LoggerOptions } from './index.js';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function capture(options: LoggerOptions) {
  const lines: string[] = [];
  const log = createLogger({ now: () => NOW, write: (line) => void lines.push(line), ...options });
  return { log, lines };
}

describe('createLogger', () => {
  it('should write logrus-shaped JSON lines when the output is not a terminal', () => {
    const { log, lines } = capture({ tty: false });
    log.child({ 'cluster-name': 'demo' }).info({ 'client-addr': '127.0.0.1:1' }, 'handling new request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\n$/);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'info', time: '2026-01-02T03:04:05.678Z', msg: 'handling new request', 'cluster-name': 'demo', 'client-addr': '127.0.0.1:1',
    });
  });

  it('should write one readable line, no JSON, when the output is a terminal', () => {
    const { log, lines } = capture({ tty: true, color: false });
    log.child({ 'cluster-name': 'demo' }).warn({ 'client-addr': '127.0.0.1:1' }, 'slow');
    expect(lines).toEqual([expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: slow \{"cluster-name":"demo","client-addr":"127.0.0.1:1"\}\n$/)]);
  });

  it('should colour readable lines only when asked', () => {
    const coloured = capture({ tty: true, color: true });
    coloured.log.info('hello');
    expect(coloured.lines[0]).toContain('\u001b[');
    const plain = capture({ tty: true, color: false });
    plain.log.info('hello');
    expect(plain.lines[0]).not.toContain('\u001b[');
  });

  it.each([
    ['json', true],
    ['pretty', false],
  ] as const)('should write the %s format whatever the terminal (tty %s)', (format, tty) => {
    const { log, lines } = capture({ format, tty, color: false });
    log.info('hello');
    const isJson = (line: string) => line.startsWith('{');
    expect(lines.map(isJson)).toEqual([format === 'json']);
  });

  it('should write only entries at or above its level', () => {
    const { log, lines } = capture({ tty: false, level: 'warn' });
    log.info('hidden');
    log.debug('hidden');
    log.warn('shown');
    log.error('shown too');
    expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(['warn', 'error']);
  });

  it('should write nothing at level silent', () => {
    const { log, lines } = capture({ tty: true, level: 'silent' });
    log.fatal('nope');
    expect(lines).toEqual([]);
  });

  it('should keep a readable entry on one line with control characters escaped, and show an error by its message', () => {
    const { log, lines } = capture({ tty: true, color: false });
    log.error({ err: new Error('boom') }, 'first\nsecond \u001b[31mred');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ ERROR: first second \\u001b\[31mred \{"err":"boom"\}\n$/);
  });

  it('should serialise errors under err and error with their stack in JSON', () => {
    const { log, lines } = capture({ tty: false });
    log.warn({ error: new Error('lost') }, 'could not record');
    const entry = JSON.parse(lines[0] ?? '') as { error: { type: string; message: string; stack: string } };
    expect(entry.error).toMatchObject({ type: 'Error', message: 'lost' });
    expect(entry.error.stack).toContain('Error: lost');
  });
});

describe('@eksid/core/log', () => {
  it('should import nothing of core outside its folder, so logging never loads the SQLite store', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const imports = sources.flatMap((file) => [...readFileSync(new URL(file, dir), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]));
    expect(new Set(imports)).toEqual(new Set(['pino', 'pino-pretty', './create-logger.js']));
  });
});
