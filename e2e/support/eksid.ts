import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPeer } from './processes.js';

/** A real `eksid up` process on a free loopback port with its own data directory. */
export interface EksidProcess {
  url: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Mints a service-account token through the eksid-only API, like `eksid token`. */
  token(input: { cluster: string; namespace: string; serviceAccount: string; audience?: string; expirationSeconds?: number; pod?: string }): Promise<string>;
}

/** The CLI as users run it (packages/cli/build.mjs); vitest's global setup builds it (build-runtime.ts). */
export const CLI_ENTRY = 'packages/cli/dist/eksid.mjs';
/** node with eksid's node flags: how every long-running eksid role is started (see the file). */
export const EKSID_NODE = 'packages/cli/bin/eksid-node';

export async function startEksid(options: { config?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<EksidProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'eksid-e2e-'));
  const args = [CLI_ENTRY, 'up', '--port', String(port), '--data', dataDir, '--log-level', 'warn'];
  if (options.config) args.push('--config', options.config);
  const peer = await startPeer('eksid', EKSID_NODE, [...args, ...(options.args ?? [])], `http://127.0.0.1:${port}`, '/_eksid/health', options.env);
  return {
    url: peer.url,
    pid: peer.pid,
    dataDir,
    stop: async () => {
      await peer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    token: async (input) => {
      const res = await fetch(`${peer.url}/_eksid/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
  };
}
