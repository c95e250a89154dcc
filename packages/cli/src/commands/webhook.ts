import { join } from 'node:path';
import type * as WebhookPackage from '@eksid/webhook';
import type { RunningWebhook, WebhookConfig } from '@eksid/webhook';
import { Command } from 'commander';
import type { FlagWord } from '../completion/tree.js';
import { CliError, UsageError, oneLine } from '../errors.js';
import type { Io } from '../io.js';
import { commandLogger } from '../log-options.js';

// The package is loaded in the action: it is slow to load (its Kubernetes client only when
// there is a Kubernetes API), and no other command needs it.
type WebhookModule = typeof WebhookPackage;

const HELP_FLAG = { usage: '-h, --help', description: 'display this help' };

/** pflag-style lines, `--port int` then its meaning, in two columns. */
function flagLines({ webhookFlagHelp }: WebhookModule): string[] {
  const flags = [HELP_FLAG, ...webhookFlagHelp()];
  const width = Math.max(...flags.map((flag) => flag.usage.length)) + 2;
  return flags.map((flag) => `  ${flag.usage.padEnd(width)}${flag.description}`);
}

const help = (webhook: WebhookModule): string => [
  'Usage: eksid webhook [upstream flags]',
  '',
  'The mutating admission webhook (drop-in for aws/amazon-eks-pod-identity-webhook): HTTPS',
  'POST /mutate, /healthz, /metrics. Flags are upstream\'s, by name and default; booleans take',
  '--flag, --flag=true and --flag true. Without --tls-cert/--tls-key a CA and serving',
  'certificate are generated into --cert-dir with the caBundle. --kubeconfig means out of',
  'cluster; --eksid-endpoint URL --cluster NAME reads Pod Identity associations from eksid',
  'and reports each admission decision to its audit trail (eksid events; --report-events=false',
  'stops that).',
  '',
  'Flags:',
  ...flagLines(webhook),
  '',
].join('\n');

/** The webhook's flags for shell completion: commander does not parse them, the package does. */
export async function webhookCompletionFlags(): Promise<FlagWord[]> {
  const { webhookFlagHelp } = await import('@eksid/webhook');
  return [HELP_FLAG, ...webhookFlagHelp()].flatMap(({ usage, description, ...rest }) =>
    usage.split(/,? /).filter((word) => word.startsWith('-')).map((word) => ({ word, description, ...rest })));
}

/** What `eksid webhook` prints once it serves: where, and what a MutatingWebhookConfiguration needs. */
function formatWebhookReady({ CERTIFICATE_FILES }: WebhookModule, running: RunningWebhook, config: WebhookConfig): string {
  const lines = [`eksid webhook ready at ${running.url}`, `  POST ${running.url}/mutate`, `  metrics ${running.metricsUrl}/metrics`];
  if (running.certificates) {
    lines.push(`  certificates in ${config.certDir}: ${CERTIFICATE_FILES.caCert}, ${CERTIFICATE_FILES.cert}, ${CERTIFICATE_FILES.key}`);
    lines.push(`  caBundle ${join(config.certDir, CERTIFICATE_FILES.caBundle)}`);
    lines.push(`  MutatingWebhookConfiguration ${join(config.certDir, CERTIFICATE_FILES.webhookConfiguration)}`);
  }
  return `${lines.join('\n')}\n`;
}

function startFailure({ WebhookConfigError }: WebhookModule, err: unknown): CliError {
  if (err instanceof WebhookConfigError) return new UsageError(err.message);
  const code = (err as NodeJS.ErrnoException).code;
  // Upstream's default --port is 443, which only root may bind.
  const hint = code === 'EACCES' ? ' (ports below 1024 need root; try --port 8443)' : '';
  return new CliError(`${oneLine(err instanceof Error ? err.message : String(err))}${hint}`);
}

/**
 * `eksid webhook [upstream flags]`: every word after the command goes to the webhook
 * package's own parser (upstream's Go flag syntax, not commander's), so manifests written
 * for the upstream image run unchanged.
 */
export function webhookCommand(io: Io): Command {
  return new Command('webhook')
    .description('run the mutating admission webhook (upstream amazon-eks-pod-identity-webhook flags)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'upstream webhook flags')
    .action(async (flags: string[]) => {
      const webhook = await import('@eksid/webhook');
      if (flags.some((f) => f === '--help' || f === '-h' || f === '-help')) {
        io.stdout(help(webhook));
        return;
      }
      let config: WebhookConfig;
      try {
        config = webhook.parseWebhookFlags(flags);
      } catch (err) {
        throw startFailure(webhook, err);
      }
      const stopped = io.stopSignal();
      let running: RunningWebhook;
      try {
        running = await webhook.startWebhook(config, { log: await commandLogger(io, { logLevel: config.logLevel, logFormat: config.logFormat }) });
      } catch (err) {
        throw startFailure(webhook, err);
      }
      io.stdout(formatWebhookReady(webhook, running, config));
      await stopped;
      await running.close();
    });
}
