import { Command } from 'commander';
import type { Io } from '../io.js';
import { commandLogger, logFormatOption, logLevelOption } from '../log-options.js';
import type { LogFlags } from '../log-options.js';
import { collect, port, positive } from '../options.js';
import { formatSummary } from './apply.js';
import { startUp } from './up-start.js';
import type { UpOptions } from './up-start.js';

// A century: longer ages would put the pruning cutoff before the earliest date JavaScript can hold.
const MAX_AGE_SECONDS = 100 * 365 * 86_400;

/** `eksid up`: runs the emulator in the foreground until SIGINT/SIGTERM. */
export function upCommand(io: Io): Command {
  return new Command('up')
    .description('start the eksid server (STS, IAM, EKS and OIDC issuers on one port)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4599)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'data directory, or :memory: for a throwaway store', ':memory:')
    .option('--config <file>', 'config file to apply at start (YAML or JSON)')
    .option('--public-url <url>', 'URL clients and issuers use (default: http://<host>:<port>)')
    .option('--allowed-host <host>', "another name to answer as (Host header), repeatable; loopback names, the public URL's host and a bound address always are", collect)
    .option('--account <id>', 'AWS account id (default: the config file account, else 000000000000)')
    .option('--region <region>', 'AWS region', 'us-east-1')
    .option('--strict-signatures', 'require a valid SigV4 signature wherever AWS does (unsigned calls, unknown keys refused); prints the root key pair to sign with')
    .option('--root-access-key-id <id>', "the account root's access key id (env: EKSID_ROOT_ACCESS_KEY_ID; default: created with the data)")
    .option('--root-secret-access-key <secret>', "the account root's secret access key (env: EKSID_ROOT_SECRET_ACCESS_KEY)")
    .option('--allow-http-issuers', 'accept http:// OIDC providers on any host (default: https, or http on loopback only)')
    .option('--admin-token <token>', "the token eksid's own API (/_eksid: keys, tokens, events) asks for (default: $EKSID_ADMIN_TOKEN, else one made and kept with the data)")
    .option('--enforce-iam', "check IAM and EKS calls against the caller's IAM policies (default: any caller may do anything)")
    // No commander defaults: startEksid applies core's DEFAULT_RETENTION, which this file must not load.
    .option('--events-max-count <n>', 'decision events the audit trail keeps (default: 10000)', positive())
    .option('--events-max-age <seconds>', 'seconds the audit trail keeps a decision event (default: 604800, a week)', positive(MAX_AGE_SECONDS))
    .addOption(logLevelOption())
    .addOption(logFormatOption())
    .action(async ({ allowedHost, ...options }: UpOptions & LogFlags & { allowedHost?: string[] }) => {
      // Listen for signals before starting, so one sent during startup still stops us cleanly.
      const stopped = io.stopSignal();
      const { formatBanner } = await import('../banner.js');
      const log = await commandLogger(io, options);
      const running = await startUp({
        ...options,
        allowedHosts: allowedHost,
        rootAccessKeyId: options.rootAccessKeyId ?? (io.env['EKSID_ROOT_ACCESS_KEY_ID'] || undefined),
        rootSecretAccessKey: options.rootSecretAccessKey ?? (io.env['EKSID_ROOT_SECRET_ACCESS_KEY'] || undefined),
      }, io.env, log);
      if (running.summary) io.stdout(formatSummary(running.summary));
      io.stdout(formatBanner(running, running.adminTokenFrom));
      const signal = await stopped;
      log.info({ signal }, 'shutting down');
      await running.close();
    });
}
