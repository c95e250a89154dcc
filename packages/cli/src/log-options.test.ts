import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { commandLogger } from './log-options.js';
import { memoryIo } from './test-support.js';

describe('commandLogger', () => {
  it('should write JSON lines to the command\'s stderr when it is not a terminal', async () => {
    const io = memoryIo();
    (await commandLogger(io, {})).info({ port: 1 }, 'listening');
    expect(JSON.parse(io.err())).toMatchObject({ level: 'info', msg: 'listening', port: 1 });
    expect(io.out()).toBe('');
  });

  it('should write readable lines on a terminal, coloured unless NO_COLOR is set', async () => {
    const coloured = { ...memoryIo(), stderrIsTty: true };
    (await commandLogger(coloured, {})).info('listening');
    expect(coloured.err()).toContain('\u001b[');
    const plain = { ...memoryIo({ NO_COLOR: '1' }), stderrIsTty: true };
    (await commandLogger(plain, {})).info('listening');
    expect(plain.err()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening\n$/);
  });

  it('should write the format --log-format names whatever stderr is', async () => {
    const io = { ...memoryIo(), stderrIsTty: true };
    (await commandLogger(io, { logFormat: 'json' })).info('listening');
    expect(JSON.parse(io.err())).toMatchObject({ msg: 'listening' });
  });

  it.each([
    [{}, {}, 'info', ['info', 'warn']],
    [{ EKSID_LOG_LEVEL: 'debug' }, {}, 'info', ['debug', 'info', 'warn']],
    [{ EKSID_LOG_LEVEL: 'debug' }, { logLevel: 'warn' as const }, 'info', ['warn']],
    [{}, {}, 'silent', []],
    [{ EKSID_LOG_LEVEL: 'info' }, {}, 'silent', ['info', 'warn']],
  ])('should take the level from the flag, else $EKSID_LOG_LEVEL, else the default (env %j, flags %j, default %s)', async (env, flags, fallback, levels) => {
    const io = memoryIo(env);
    const log = await commandLogger(io, flags, fallback as 'info' | 'silent');
    log.debug('d');
    log.info('i');
    log.warn('w');
    expect(io.err().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(levels);
  });

  it('should refuse a $EKSID_LOG_LEVEL that names no level', async () => {
    const failure = commandLogger(memoryIo({ EKSID_LOG_LEVEL: 'loud' }), {});
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow("invalid $EKSID_LOG_LEVEL 'loud': expected one of trace, debug, info, warn, error, fatal, silent");
  });
});
