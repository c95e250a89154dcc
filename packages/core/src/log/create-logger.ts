import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogFormat, LogLevel } from './levels.js';

export interface LoggerOptions {
  /** Default info. */
  level?: LogLevel;
  /** Default: pretty when `tty`, else json. */
  format?: LogFormat;
  /** Whether the lines reach a terminal. Default: whether stderr is one. */
  tty?: boolean;
  /** ANSI colours in pretty lines. Default: `tty`. */
  color?: boolean;
  /** Takes each line, newline included. Default: synchronous writes to stderr. */
  write?: (line: string) => void;
  /** The clock of the `time` field. Default Date.now. */
  now?: () => number;
}

// Control characters in a message (text from other processes, multi-line library errors) must
// neither break a pretty line in two nor drive the terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const escapeControl = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const oneLine = (text: string): string => text.trim().replace(/\s*\r?\n\s*/g, ' ').replace(CONTROL, escapeControl);

// A person reads an error's message; the stack is in the json format.
const errorMessage = (value: unknown): unknown => (value instanceof Error ? value.message : value);

function prettyLines(color: boolean): (line: string) => string {
  return prettyFactory({
    colorize: color,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    errorLikeObjectKeys: [],
    messageFormat: (log, messageKey) => oneLine(String(log[messageKey] ?? '')),
  });
}

function stderrWriter(): (line: string) => void {
  // Synchronous, so nothing is lost when the process exits right after a log call.
  const stderr = pino.destination({ fd: 2, sync: true });
  return (line) => void stderr.write(line);
}

/**
 * The one logger of every eksid process (server, agent, webhook). Lines go to stderr, leaving
 * stdout to ready banners and command output. JSON lines keep the real EKS Pod Identity
 * Agent's logrus shape: `level` as a name, `msg`, `time` in RFC 3339, then the fields
 * (`client-addr`, `cluster-name`, ...), and no pid or hostname.
 */
export function buildLogger(options: LoggerOptions = {}): Logger {
  const tty = options.tty ?? process.stderr.isTTY === true;
  const pretty = (options.format ?? (tty ? 'pretty' : 'json')) === 'pretty';
  const write = options.write ?? stderrWriter();
  const now = options.now ?? Date.now;
  const format = pretty ? prettyLines(options.color ?? tty) : undefined;
  const destination: DestinationStream = { write: format ? (line) => write(format(line)) : write };
  const errors = pretty ? errorMessage : pino.stdSerializers.err;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      serializers: { err: errors, error: errors },
    },
    destination,
  );
}
