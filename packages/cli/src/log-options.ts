import { LOG_FORMATS, LOG_LEVELS, createLogger } from '@eksid/core/log';
import type { LogFormat, LogLevel, Logger } from '@eksid/core/log';
import { Option } from 'commander';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export interface LogFlags {
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

/** `--log-level`, the same on every long-running command. */
export function logLevelOption(defaultLevel: LogLevel = 'info'): Option {
  return new Option('--log-level <level>', `least severe entries logged (default: $EKSID_LOG_LEVEL, else ${defaultLevel})`).choices(LOG_LEVELS);
}

/** `--log-format`, the same on every long-running command. */
export function logFormatOption(): Option {
  return new Option('--log-format <format>', 'pretty: a readable line per entry; json: JSON lines (default: pretty when stderr is a terminal, else json)').choices(LOG_FORMATS);
}

function envLevel(io: Io): LogLevel | undefined {
  const value = io.env['EKSID_LOG_LEVEL'];
  if (value === undefined || value === '') return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new UsageError(`invalid $EKSID_LOG_LEVEL '${value}': expected one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

/**
 * The process's logger, on the command's stderr: the flag, else $EKSID_LOG_LEVEL, else
 * `defaultLevel`. Colour only on a terminal, and not with NO_COLOR (https://no-color.org).
 */
export async function commandLogger(io: Io, flags: LogFlags, defaultLevel: LogLevel = 'info'): Promise<Logger> {
  const tty = io.stderrIsTty === true;
  return createLogger({
    level: flags.logLevel ?? envLevel(io) ?? defaultLevel,
    format: flags.logFormat,
    tty,
    color: tty && !io.env['NO_COLOR'],
    write: (line) => io.stderr(line),
  });
}
