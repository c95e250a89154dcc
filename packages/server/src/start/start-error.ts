/**
 * Why eksid could not start, in one line a person can act on: a bad config or option
 * (`kind` 'usage': the CLI exits 2) or the machine refusing (a port in use, a data directory
 * that cannot be opened: 'runtime', exit 1).
 */
export class StartError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'runtime' = 'runtime',
  ) {
    super(message);
    this.name = 'StartError';
  }
}
