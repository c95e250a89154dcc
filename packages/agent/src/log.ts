/**
 * A tiny JSON-lines logger shaped like the real agent's logrus output
 * (internal/middleware/logger/logger.go): `level`, `msg`, `time` plus fields such as
 * `client-addr` and `cluster-name`. The sink is injectable so tests stay quiet.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Readonly<Record<string, unknown>>;
export type LogSink = (line: string) => void;

export interface Logger {
  child(fields: LogFields): Logger;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives one JSON document per call, without a newline. Default: stdout, like logrus. */
  sink?: LogSink;
  now?: () => number;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const make = (base: LogFields): Logger => {
    const write = (level: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
      if (RANK[level] < threshold) return;
      sink(JSON.stringify({ level, msg, time: new Date(now()).toISOString(), ...base, ...fields }));
    };
    return {
      child: (fields) => make({ ...base, ...fields }),
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
    };
  };
  return make({});
}
