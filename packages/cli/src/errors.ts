/**
 * An error the CLI reports as one line on stderr (`eksid: <message>`) with its exit code:
 * 1 for runtime failures, 2 for usage errors, and a shell's 126/127 when `exec` cannot
 * start its command. Anything else that escapes is a bug, still reported in one line.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The first line of a message, so multi-line library errors (YAML code frames) stay one line. */
export function oneLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim();
}
