import { ADMIN_TOKEN_VARIABLE, removeDiscovery, writeDiscovery } from '@eksid/core/admin-token';
import type { EksidServerOptions, RunningEksidServer } from '@eksid/server';
import type { Logger } from 'pino';
import { readConfigFile } from '../config-file.js';
import { CliError, UsageError } from '../errors.js';

/** `eksid up`'s options as commander hands them over: the server's, with the config as a file. */
export type UpOptions = Omit<EksidServerOptions, 'config' | 'configSource' | 'writeThread'> & { config?: string };

/** Where the admin token came from, for the banner: a token the user gave is not printed back. */
export type AdminTokenSource = 'flag' | 'env' | 'data';

export type RunningUp = RunningEksidServer & { adminTokenFrom: AdminTokenSource };

/**
 * Starts the server the way `eksid up` runs it: the config read from its file, decisions
 * written on a thread of their own, and a failure to start as the CLI's one line.
 * Once listening, it announces its URL and admin token to this user's other processes
 * (@eksid/core/admin-token's discovery file), and withdraws them when closed.
 */
export async function startUp(options: UpOptions, env: Readonly<Record<string, string | undefined>>, log: Logger): Promise<RunningUp> {
  const config = options.config === undefined ? undefined : readConfigFile(options.config);
  const fromEnv = env[ADMIN_TOKEN_VARIABLE] || undefined;
  const adminToken = options.adminToken || fromEnv;
  const adminTokenFrom: AdminTokenSource = options.adminToken ? 'flag' : fromEnv ? 'env' : 'data';
  // Loaded here so client commands (token, apply, keys) never load the server and SQLite.
  const { StartError, startEksidServer } = await import('@eksid/server');
  let running: RunningEksidServer;
  try {
    running = await startEksidServer({ ...options, adminToken, config, configSource: options.config, writeThread: true }, log);
  } catch (err) {
    if (err instanceof StartError) throw err.kind === 'usage' ? new UsageError(err.message) : new CliError(err.message);
    throw err;
  }
  const announced = announce(running, log);
  const close = running.close;
  return Object.assign(running, {
    adminTokenFrom,
    close: async () => {
      if (announced !== undefined) removeDiscovery(announced);
      await close();
    },
  });
}

/** Writes the discovery file; a machine where that fails still runs eksid, its clients then need the token given. */
function announce(running: RunningEksidServer, log: Logger): string | undefined {
  try {
    const port = Number(new URL(running.listenUrl).port);
    return writeDiscovery({ url: running.url, port, pid: process.pid, adminToken: running.ctx.adminToken });
  } catch (err) {
    log.warn({ err }, `clients on this machine will not find the admin token by themselves: pass --admin-token or set ${ADMIN_TOKEN_VARIABLE}`);
    return undefined;
  }
}
