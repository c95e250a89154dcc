/** Where a command writes and what environment it reads; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (commands colour only then); absent means it is not. */
  stdoutIsTty?: boolean;
  /** Whether stderr is a terminal (logs are readable lines then, else JSON); absent means it is not. */
  stderrIsTty?: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `up` waits on it. */
  stopSignal(): Promise<string>;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  stopSignal: () =>
    new Promise((resolve) => {
      const stop = (signal: string) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(signal);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};
