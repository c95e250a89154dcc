import { readFileSync } from 'node:fs';
import type { DecisionEventJson } from '@eksid/core';
import { Command } from 'commander';
import { ADMIN_TOKEN_HELP, callEksid, endpointHelp, resolveTarget } from '../client.js';
import { CliError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatEvent, formatEventJson } from './events-format.js';

interface ExplainOptions {
  role?: string;
  token?: string;
  cluster?: string;
  namespace?: string;
  serviceAccount?: string;
  json?: boolean;
  endpoint?: string;
  adminToken?: string;
}

/** Exit status of a denied decision: like grep's "no match", it is an answer, not a failure to run. */
const DENIED_EXIT_CODE = 1;

function readToken(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new CliError(`cannot read token file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** What to judge: a token file, or a service account (`--role` then forces IRSA). */
function requestOf(options: ExplainOptions): Record<string, string> {
  const { role, token, cluster, namespace, serviceAccount } = options;
  if (token === undefined && (cluster === undefined || namespace === undefined || serviceAccount === undefined)) {
    throw new UsageError('explain needs --token FILE, or --cluster, --namespace and --service-account');
  }
  const request: Record<string, string> = {};
  if (role !== undefined) request['role'] = role;
  if (token !== undefined) request['token'] = readToken(token);
  if (cluster !== undefined) request['cluster'] = cluster;
  if (namespace !== undefined) request['namespace'] = namespace;
  if (serviceAccount !== undefined) request['serviceAccount'] = serviceAccount;
  return request;
}

/**
 * `eksid explain`: asks the server to make the decision AssumeRoleWithWebIdentity or
 * AssumeRoleForPodIdentity would make, without issuing credentials, and prints its trace.
 */
export function explainCommand(io: Io, setExitCode: (code: number) => void): Command {
  return new Command('explain')
    .description('dry-run a credential decision and print why it would be allowed or denied (no credentials are issued)')
    .option('--role <role>', 'role name or ARN to assume (IRSA); without it a service account gets what EKS would give it')
    .option('--token <file>', 'judge this service-account token (IRSA, or Pod Identity when its aud is pods.eks.amazonaws.com)')
    .option('--cluster <name>', 'cluster name')
    .option('--namespace <namespace>', 'service account namespace')
    .option('--service-account <name>', 'service account name')
    .option('--json', 'print the decision as one JSON object')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .addHelpText('after', '\nExit status: 0 when the decision is allowed, 1 when denied (or on errors), 2 on usage errors.')
    .action(async (options: ExplainOptions) => {
      const request = requestOf(options);
      const server = resolveTarget(options, io.env);
      const reply = await callEksid(server, 'POST', '/_eksid/explain', request);
      const explanation = reply['explanation'] as DecisionEventJson;
      const color = io.stdoutIsTty === true && io.env['NO_COLOR'] === undefined;
      io.stdout(options.json ? formatEventJson(explanation) : formatEvent(explanation, { color, traces: true }));
      if (explanation.outcome !== 'allowed') setExitCode(DENIED_EXIT_CODE);
    });
}
