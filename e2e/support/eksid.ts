import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDiscovered } from '@eksid/core/admin-token';
import { freePort, startPeer } from './processes.js';

/** A real `eksid up` process on a free loopback port with its own data directory. */
export interface EksidProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** The admin token /_eksid asks for; `eksid` commands on this machine find it themselves. */
  adminToken: string;
  /** Headers that carry it, for a request a test makes by hand. */
  adminHeaders: Record<string, string>;
  stop(): Promise<void>;
  /** Mints a service-account token through the eksid-only API, like `eksid token`. */
  token(input: { cluster: string; namespace: string; serviceAccount: string; audience?: string; expirationSeconds?: number; pod?: string }): Promise<string>;
}

/** The CLI as users run it (packages/cli/build.mjs); vitest's global setup builds it (build-runtime.ts). */
export const CLI_ENTRY = 'packages/cli/dist/eksid.mjs';
/** node with eksid's node flags: how every long-running eksid role is started (see the file). */
export const EKSID_NODE = 'packages/cli/bin/eksid-node';

/**
 * `port` and `dataDir` restart an eksid where a stopped one ran (same issuer URLs, same store);
 * a given data directory is left in place by stop(), one made here is removed.
 */
export async function startEksid(options: { config?: string; args?: string[]; env?: Record<string, string>; port?: number; dataDir?: string } = {}): Promise<EksidProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'eksid-e2e-'));
  const adminToken = randomBytes(32).toString('base64url');
  const args = [CLI_ENTRY, 'up', '--port', String(port), '--data', dataDir, '--log-level', 'warn', '--admin-token', adminToken];
  if (options.config) args.push('--config', options.config);
  const peer = await startPeer('eksid', EKSID_NODE, [...args, ...(options.args ?? [])], `http://127.0.0.1:${port}`, '/_eksid/health', options.env);
  // Health answers once it listens; its config is applied and its discovery file (what `eksid`
  // commands find the admin token by) written a moment later, when it prints its banner.
  const deadline = Date.now() + 30_000;
  while (findDiscovered(peer.url)?.pid !== peer.pid) {
    if (Date.now() > deadline) throw new Error(`eksid at ${peer.url} wrote no discovery file within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const adminHeaders = { 'x-eksid-admin-token': adminToken };
  return {
    url: peer.url,
    pid: peer.pid,
    dataDir,
    adminToken,
    adminHeaders,
    stop: async () => {
      await peer.stop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
    token: (input) => mintToken(peer.url, adminToken, input),
  };
}

/** A service-account token from eksid's admin API (POST /_eksid/token), as `eksid token` asks for one. */
export async function mintToken(url: string, adminToken: string, input: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${url}/_eksid/token`, {
    method: 'POST',
    headers: { 'x-eksid-admin-token': adminToken, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
