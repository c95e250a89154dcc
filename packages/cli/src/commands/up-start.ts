import type { EksidServerOptions, RunningEksidServer } from '@eksid/server';
import type { Logger } from 'pino';
import { readConfigFile } from '../config-file.js';
import { CliError, UsageError } from '../errors.js';

/** `eksid up`'s options as commander hands them over: the server's, with the config as a file. */
export type UpOptions = Omit<EksidServerOptions, 'config' | 'configSource' | 'writeThread'> & { config?: string };

/**
 * Starts the server the way `eksid up` runs it: the config read from its file, decisions
 * written on a thread of their own, and a failure to start as the CLI's one line.
 */
export async function startUp(options: UpOptions, log: Logger): Promise<RunningEksidServer> {
  const config = options.config === undefined ? undefined : readConfigFile(options.config);
  // Loaded here so client commands (token, apply, keys) never load the server and SQLite.
  const { StartError, startEksidServer } = await import('@eksid/server');
  try {
    return await startEksidServer({ ...options, config, configSource: options.config, writeThread: true }, log);
  } catch (err) {
    if (err instanceof StartError) throw err.kind === 'usage' ? new UsageError(err.message) : new CliError(err.message);
    throw err;
  }
}
