import { Command } from 'commander';
import type { Io } from '../io.js';
import { commandLogger, logFormatOption, logLevelOption } from '../log-options.js';
import type { LogFlags } from '../log-options.js';
import { port, positive } from '../options.js';
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
    .option('--account <id>', 'AWS account id (default: the config file account, else 000000000000)')
    .option('--region <region>', 'AWS region', 'us-east-1')
    .option('--strict-signatures', 'reject SigV4 requests signed with unknown access keys')
    .option('--enforce-iam', "check IAM and EKS calls against the caller's IAM policies (default: any caller may do anything)")
    // No commander defaults: startEksid applies core's DEFAULT_RETENTION, which this file must not load.
    .option('--events-max-count <n>', 'decision events the audit trail keeps (default: 10000)', positive())
    .option('--events-max-age <seconds>', 'seconds the audit trail keeps a decision event (default: 604800, a week)', positive(MAX_AGE_SECONDS))
    .addOption(logLevelOption())
    .addOption(logFormatOption())
    .action(async (options: UpOptions & LogFlags) => {
      // Listen for signals before starting, so one sent during startup still stops us cleanly.
      const stopped = io.stopSignal();
      const { formatBanner } = await import('../banner.js');
      const log = await commandLogger(io, options);
      const running = await startUp(options, log);
      if (running.summary) io.stdout(formatSummary(running.summary));
      io.stdout(formatBanner(running));
      const signal = await stopped;
      log.info({ signal }, 'shutting down');
      await running.close();
    });
}
