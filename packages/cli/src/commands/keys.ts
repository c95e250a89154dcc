import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { ADMIN_TOKEN_HELP, callEksid, endpointHelp, resolveTarget } from '../client.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { integer } from '../options.js';

/**
 * `eksid keys rotate --cluster C [--max-token-lifetime S]`: POST /_eksid/keys/C/rotate.
 * `eksid keys export --cluster C [--out DIR]`: the cluster's issuer key as PEM, so a real API
 * server (e.g. kind) can sign tokens eksid's issuer vouches for. With --out, writes sa.key
 * and sa.pub, the files kube-apiserver's --service-account-signing-key-file and
 * --service-account-key-file take; without, prints both PEMs.
 */
export function keysCommand(io: Io): Command {
  const keys = new Command('keys').description('signing keys of cluster issuers');
  keys
    .command('export')
    .description("export a cluster's issuer signing key as PEM")
    .requiredOption('--cluster <name>', 'cluster name')
    .option('--out <dir>', 'write sa.key and sa.pub into this directory')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .action(async (options: { cluster: string; out?: string; endpoint?: string; adminToken?: string }) => {
      const server = resolveTarget(options, io.env);
      const reply = await callEksid(server, 'GET', `/_eksid/keys/${encodeURIComponent(options.cluster)}`);
      const privateKeyPem = String(reply['privateKeyPem']);
      const publicKeyPem = String(reply['publicKeyPem']);
      if (options.out === undefined) {
        io.stdout(privateKeyPem + publicKeyPem);
        return;
      }
      const keyFile = join(options.out, 'sa.key');
      const pubFile = join(options.out, 'sa.pub');
      try {
        mkdirSync(options.out, { recursive: true });
        writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
        chmodSync(keyFile, 0o600);
        writeFileSync(pubFile, publicKeyPem);
      } catch (err) {
        throw new CliError(`cannot write keys to ${options.out}: ${(err as Error).message}`);
      }
      io.stdout(`${keyFile}\n${pubFile}\n`);
    });
  keys
    .command('rotate')
    .description("rotate a cluster's issuer signing key: a new key signs from now on, the old one stays in the JWKS until its tokens have expired")
    .requiredOption('--cluster <name>', 'cluster name')
    .option('--max-token-lifetime <seconds>', 'how long the old key stays published: the longest lifetime of a token it signed (default: 86400; 0 drops it now)', integer)
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .action(async (options: { cluster: string; maxTokenLifetime?: number; endpoint?: string; adminToken?: string }) => {
      const server = resolveTarget(options, io.env);
      const body = options.maxTokenLifetime === undefined ? {} : { maxTokenLifetimeSeconds: options.maxTokenLifetime };
      const reply = await callEksid(server, 'POST', `/_eksid/keys/${encodeURIComponent(options.cluster)}/rotate`, body);
      io.stdout(formatRotation(reply));
    });
  return keys;
}

/** One line per published key: `<kid>  signing` for the new one, `<kid>  published until <time>` for the others. */
function formatRotation(reply: Record<string, unknown>): string {
  const keys = Array.isArray(reply['keys']) ? (reply['keys'] as { kid: string; publishedUntil: string | null }[]) : [];
  return keys.map((k) => `${k.kid}  ${k.publishedUntil === null ? 'signing' : `published until ${k.publishedUntil}`}\n`).join('');
}
