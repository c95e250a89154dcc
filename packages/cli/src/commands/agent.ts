import { Command, Option } from 'commander';
import { ADMIN_TOKEN_HELP, endpointHelp } from '../client.js';
import { CliError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { commandLogger, logFormatOption, logLevelOption } from '../log-options.js';
import type { LogFlags } from '../log-options.js';
import { collect, integer, port } from '../options.js';
import { agentConfigFromFlags } from './agent-options.js';
import type { AgentFlags } from './agent-options.js';

const RETENTION = '--max-credential-retention-before-renewal <duration>';

/** A Go duration (`3h`, `90m`, `0`), as the real agent parses it, in ms; the parser is the webhook's. */
async function duration(value: string | undefined): Promise<number | undefined> {
  if (value === undefined) return undefined;
  const { parseGoDuration } = await import('@eksid/webhook');
  const ms = parseGoDuration(value);
  if (ms === undefined) throw new UsageError(`option '${RETENTION}' argument '${value}' is invalid. expected a duration such as 3h or 90m.`);
  return ms;
}

/**
 * `eksid agent`: the EKS Pod Identity Agent in the foreground until SIGINT/SIGTERM, talking to
 * eksid's EKS Auth. Logs go to stderr, so stdout carries only the ready lines: readable lines
 * on a terminal, else JSON lines with the real agent's field names.
 */
export function agentCommand(io: Io): Command {
  const command = new Command('agent')
    .description('run the EKS Pod Identity Agent (GET /v1/credentials) against eksid')
    .requiredOption('-c, --cluster <name>', 'cluster name sent to EKS Auth')
    .addOption(new Option('--cluster-name <name>', 'the real agent\'s name for --cluster').hideHelp())
    .option('--endpoint <url>', endpointHelp('EKS Auth endpoint', 'EKS_AUTH'))
    .option('-b, --bind-hosts <host>', 'address to serve on, repeatable (default: 127.0.0.1; the real agent: 169.254.170.23 and [fd00:ec2::23])', collect)
    .option('--bind <addr>', 'same as --bind-hosts', collect)
    .option('-p, --port <port>', 'credentials port (default: a free port on loopback, else 80)', port)
    .option('--probe-port <port>', 'health probe port (default: a free port on loopback, else 2703)', port)
    .option('--metrics-address <addr>', 'metrics address (default: 127.0.0.1 on loopback, else 0.0.0.0)')
    .option('--metrics-port <port>', 'metrics port (default: a free port on loopback, else 2705)', port)
    .option(RETENTION, 'refresh cached credentials after this long; 0 disables the cache (default 3h)')
    .option('--max-cache-size <n>', 'cached credentials; 0 disables the cache (default 2000)', integer)
    .option('--max-service-qps <n>', 'background refresh calls per second to EKS Auth (default 3)', integer)
    .option('--max-requests-per-second <n>', 'eksid only: rate limit of /v1/credentials, as the real agent (1000/s, burst 500); 0 disables it', integer)
    .option('--admin-token <token>', `eksid only: ${ADMIN_TOKEN_HELP}, for reporting events`)
    .option('--no-report-events', 'eksid only: do not send credential decisions to eksid\'s audit trail (eksid events)')
    .addOption(logLevelOption())
    .addOption(logFormatOption())
    .action(async (raw: Omit<AgentFlags, 'maxCredentialRetentionBeforeRenewal'> & LogFlags & { maxCredentialRetentionBeforeRenewal?: string }) => {
      const flags: AgentFlags = { ...raw, maxCredentialRetentionBeforeRenewal: await duration(raw.maxCredentialRetentionBeforeRenewal) };
      const config = agentConfigFromFlags(flags, io.env);
      // Loaded here so other commands never load the agent.
      const { AgentBindError, startAgent } = await import('@eksid/agent');
      const logger = await commandLogger(io, raw);
      const stopped = io.stopSignal();
      let agent;
      try {
        agent = await startAgent({ ...config, logger });
      } catch (err) {
        if (err instanceof AgentBindError) throw new CliError(err.message);
        throw err;
      }
      const lines = agent.urls.map((url) => `eksid agent ready at ${url}`);
      if (agent.probeUrl) lines.push(`  probes  ${agent.probeUrl}/healthz ${agent.probeUrl}/readyz`);
      if (agent.metricsUrl) lines.push(`  metrics ${agent.metricsUrl}/metrics`);
      lines.push(`  cluster ${config.clusterName}, EKS Auth at ${config.endpoint ?? ''}`);
      if (config.reportEvents === true) lines.push(`  decisions reported to ${config.endpoint ?? ''}/_eksid/events (see eksid events; --no-report-events to stop)`);
      lines.push('', 'Point a pod-like process at it (the token needs audience pods.eks.amazonaws.com):');
      lines.push(`  export AWS_CONTAINER_CREDENTIALS_FULL_URI=${agent.urls[0] ?? ''} AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=<token file>`);
      io.stdout(`${lines.join('\n')}\n`);
      await stopped;
      await agent.close();
    });
  // The real agent's --cluster-name gives the required --cluster too.
  command.on('option:cluster-name', (value: string) => command.setOptionValueWithSource('cluster', value, 'cli'));
  return command;
}
