import { join } from 'node:path';
import { Command } from 'commander';
import { CliError, oneLine } from '../errors.js';
import type { Io } from '../io.js';
import { positive } from '../options.js';

/**
 * `eksid webhook-certs --out DIR`: the CA and serving certificate `eksid webhook` would
 * generate, without serving: for a webhook that runs in a cluster from a TLS secret, whose
 * MutatingWebhookConfiguration needs the caBundle (scripts/kind-up.sh does exactly this).
 * The names are upstream's defaults (--service-name pod-identity-webhook, --namespace eks).
 */
export function webhookCertsCommand(io: Io): Command {
  return new Command('webhook-certs')
    .description("write the admission webhook's CA, serving certificate and key, and caBundle into a directory")
    .requiredOption('--out <dir>', 'directory to write ca.crt, tls.crt, tls.key and ca-bundle.txt into')
    .option('--service-name <name>', 'the webhook Service the certificate is for', 'pod-identity-webhook')
    .option('--namespace <ns>', 'namespace of that Service', 'eks')
    .option('--days <n>', 'validity in days (at most 3650)', positive(3650), 365)
    .action(async (options: { out: string; serviceName: string; namespace: string; days: number }) => {
      const { CERTIFICATE_FILES, generateWebhookCertificates, writeWebhookCertificates } = await import('@eksid/webhook');
      const certs = generateWebhookCertificates({ serviceName: options.serviceName, namespace: options.namespace, now: new Date(), validityDays: options.days });
      try {
        await writeWebhookCertificates(options.out, certs);
      } catch (err) {
        throw new CliError(`cannot write certificates to ${options.out}: ${oneLine((err as Error).message)}`);
      }
      const files = [CERTIFICATE_FILES.caCert, CERTIFICATE_FILES.cert, CERTIFICATE_FILES.key, CERTIFICATE_FILES.caBundle];
      io.stdout(`${files.map((file) => join(options.out, file)).join('\n')}\n`);
    });
}
