import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.js';
import type { LoggerOptions } from './index.js';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

async function capture(options: LoggerOptions) {
  const lines: string[] = [];
  const log = await createLogger({ now: () => NOW, write: (line) => void lines.push(line), ...options });
  return { log, lines };
}

describe('createLogger', () => {
  it('should write logrus-shaped JSON lines when the output is not a terminal', async () => {
    const { log, lines } = await capture({ tty: false });
    log.child({ 'cluster-name': 'demo' }).info({ 'client-addr': '127.0.0.1:1' }, 'handling new request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\n$/);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'info', time: '2026-01-02T03:04:05.678Z', msg: 'handling new request', 'cluster-name': 'demo', 'client-addr': '127.0.0.1:1',
    });
  });

  it('should write one readable line, no JSON, when the output is a terminal', async () => {
    const { log, lines } = await capture({ tty: true, color: false });
    log.child({ 'cluster-name': 'demo' }).warn({ 'client-addr': '127.0.0.1:1' }, 'slow');
    expect(lines).toEqual([expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: slow \{"cluster-name":"demo","client-addr":"127.0.0.1:1"\}\n$/)]);
  });

  it('should colour readable lines only when asked', async () => {
    const coloured = await capture({ tty: true, color: true });
    coloured.log.info('hello');
    expect(coloured.lines[0]).toContain('\u001b[');
    const plain = await capture({ tty: true, color: false });
    plain.log.info('hello');
    expect(plain.lines[0]).not.toContain('\u001b[');
  });

  it.each([
    ['json', true],
    ['pretty', false],
  ] as const)('should write the %s format whatever the terminal (tty %s)', async (format, tty) => {
    const { log, lines } = await capture({ format, tty, color: false });
    log.info('hello');
    const isJson = (line: string) => line.startsWith('{');
    expect(lines.map(isJson)).toEqual([format === 'json']);
  });

  it('should write only entries at or above its level', async () => {
    const { log, lines } = await capture({ tty: false, level: 'warn' });
    log.info('hidden');
    log.debug('hidden');
    log.warn('shown');
    log.error('shown too');
    expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(['warn', 'error']);
  });

  it('should write nothing at level silent', async () => {
    const { log, lines } = await capture({ tty: true, level: 'silent' });
    log.fatal('nope');
    expect(lines).toEqual([]);
  });

  it('should keep a readable entry on one line with control characters escaped, and show an error by its message', async () => {
    const { log, lines } = await capture({ tty: true, color: false });
    log.error({ err: new Error('boom') }, 'first\nsecond \u001b[31mred');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ ERROR: first second \\u001b\[31mred \{"err":"boom"\}\n$/);
  });

  it('should serialise errors under err and error with their stack in JSON', async () => {
    const { log, lines } = await capture({ tty: false });
    log.warn({ error: new Error('lost') }, 'could not record');
    const entry = JSON.parse(lines[0] ?? '') as { error: { type: string; message: string; stack: string } };
    expect(entry.error).toMatchObject({ type: 'Error', message: 'lost' });
    expect(entry.error.stack).toContain('Error: lost');
  });
});

describe('@eksid/core/log', () => {
  it('should load neither the SQLite store nor pino until a logger is created', () => {
    // pino and better-sqlite3 are CommonJS: once loaded, they are in require.cache.
    const script = `
      import { createRequire } from 'node:module';
      const loaded = (name) => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(\`/node_modules/\${name}/\`));
      const { createLogger } = await import('@eksid/core/log');
      const before = [loaded('pino'), loaded('better-sqlite3')];
      await createLogger({ level: 'silent' });
      console.log(JSON.stringify([before, [loaded('pino'), loaded('better-sqlite3')]]));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('.', import.meta.url), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([[false, false], [true, false]]);
  });
});
