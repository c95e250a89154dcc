// @eksid/core/log: the logger alone, so a process can log without loading the rest of core
// (its SQLite store is a native addon).
export { LOG_FORMATS, LOG_LEVELS, createLogger } from './create-logger.js';
export type { LogFormat, LogLevel, LoggerOptions } from './create-logger.js';
export type { Logger } from 'pino';
