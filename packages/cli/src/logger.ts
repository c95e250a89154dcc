import { pino } from 'pino';
import type { Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

/**
 * The server's logger: JSON lines on stderr, or pino-pretty's readable lines when stderr is
 * a terminal. stderr keeps stdout for the ready banner (and for `token`'s JWT in scripts).
 * Writes are synchronous so nothing is lost when the process exits after a signal.
 */
export function createLogger(env: Readonly<Record<string, string | undefined>>, tty = Boolean(process.stderr.isTTY), levelOption?: string): Logger {
  const level = levelOption ?? env['EKSID_LOG_LEVEL'] ?? 'info';
  if (tty) return pino({ level }, PinoPretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' }));
  return pino({ level }, pino.destination({ fd: 2, sync: true }));
}
