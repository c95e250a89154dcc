import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ADMIN_TOKEN_HELP, callEksid, endpointHelp, resolveTarget } from '../client.js';
import type { Io } from '../io.js';
import { collect, integer } from '../options.js';

interface TokenOptions {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  audience?: string[];
  expiration: number;
  pod?: string;
  endpoint?: string;
  adminToken?: string;
  out?: string;
}

/**
 * `eksid token`: prints a service-account JWT signed by the cluster's issuer key, newline-terminated,
 * nothing else; or, with --out, writes it the way kubelet projects it: the JWT alone, no newline
 * (botocore sends a token file's bytes as they are, and a trailing newline makes it no JWT).
 */
export function tokenCommand(io: Io): Command {
  return new Command('token')
    .description("print a service-account token (JWT) signed by the cluster's issuer key")
    .requiredOption('--cluster <name>', 'cluster name')
    .requiredOption('--namespace <namespace>', 'service account namespace')
    .requiredOption('--service-account <name>', 'service account name')
    .option('--audience <aud>', 'token audience, repeatable (default: sts.amazonaws.com)', collect)
    .option('--expiration <seconds>', 'lifetime in seconds (600 to 2^32)', integer, 86_400)
    .option('--pod <name>', 'bind the token to a pod of this name')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .option('--out <file>', 'write the token to FILE as kubelet does (no trailing newline, mode 0600) instead of printing it')
    .action(async (options: TokenOptions) => {
      const server = resolveTarget(options, io.env);
      const reply = await callEksid(server, 'POST', '/_eksid/token', {
        cluster: options.cluster,
        namespace: options.namespace,
        serviceAccount: options.serviceAccount,
        audience: options.audience ?? ['sts.amazonaws.com'],
        expirationSeconds: options.expiration,
        ...(options.pod === undefined ? {} : { pod: options.pod }),
      });
      const token = String(reply['token']);
      if (options.out === undefined) io.stdout(`${token}\n`);
      else writeFileSync(options.out, token, { mode: 0o600 });
    });
}
