// @eksid/core/log: the logger alone, so a process can log without loading the rest of core
// (its SQLite store is a native addon). Importing it loads nothing else: pino and pino-pretty
// are loaded by the first createLogger, so commands that never log never pay for them.
import type { Logger } from 'pino';
import type { LoggerOptions } from './create-logger.js';

export { LOG_FORMATS, LOG_LEVELS } from './levels.js';
export type { LogFormat, LogLevel } from './levels.js';
export type { LoggerOptions };
export type { Logger };

/**
 * The one logger of every eksid process: readable single lines when they reach a terminal,
 * else JSON lines in the real EKS Pod Identity Agent's shape (create-logger.ts).
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const { buildLogger } = await import('./create-logger.js');
  return buildLogger(options);
}
