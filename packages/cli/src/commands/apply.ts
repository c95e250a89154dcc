import type { ApplySummary } from '@eksid/core';
import { Command } from 'commander';
import { ADMIN_TOKEN_HELP, callEksid, endpointHelp, resolveTarget } from '../client.js';
import { readConfigFile } from '../config-file.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';

/** One line per declared resource, then the totals: what `apply` and `up --config` print. */
export function formatSummary(summary: ApplySummary): string {
  const lines = summary.changes.map((c) => `${c.kind} ${c.name} ${c.action}${c.details ? ` (${c.details.join(', ')})` : ''}`);
  lines.push(`${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`);
  return `${lines.join('\n')}\n`;
}

/** `eksid apply -f FILE`: sends the document (YAML converted to JSON here) to a running server. */
export function applyCommand(io: Io): Command {
  return new Command('apply')
    .description('apply a config file (clusters, service accounts, OIDC providers, roles) to a running eksid')
    .requiredOption('-f, --file <file>', 'YAML or JSON config file, - for stdin')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .action(async (options: { file: string; endpoint?: string; adminToken?: string }) => {
      const server = resolveTarget(options, io.env);
      const document = readConfigFile(options.file);
      let summary: Record<string, unknown>;
      try {
        summary = await callEksid(server, 'POST', '/_eksid/apply', document ?? {});
      } catch (err) {
        // Point at the file: the server names the path inside it ("roles[1].trustPolicy: …").
        if (err instanceof CliError && !err.message.startsWith('cannot reach')) throw new CliError(`${options.file}: ${err.message}`);
        throw err;
      }
      io.stdout(formatSummary(summary as unknown as ApplySummary));
    });
}
