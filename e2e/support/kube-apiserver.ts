// A real kube-apiserver (+ embedded etcd) for the `kube` suites: test/kube-apiserver, built from
// Go modules by the project's global setup (kube-apiserver-build.ts), started per suite against
// an `eksid up` process with that cluster's issuer and signing key, as deploy/kind/cluster.yaml
// configures a kind cluster.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { KubeConfig } from '@kubernetes/client-node';
import { CLI_ENTRY } from './eksid.js';
import type { EksidProcess } from './eksid.js';
import { run } from './clients.js';
import { REGION, rootCredentials } from './irsa-setup.js';
import { scratchDir } from './scratch.js';

/** Set by the global setup: the built program, or why there is none. */
export const BINARY_VARIABLE = 'EKSID_KUBE_APISERVER';
export const UNAVAILABLE_VARIABLE = 'EKSID_KUBE_APISERVER_UNAVAILABLE';

/**
 * For `describe.skipIf(kubeApiserverMissing(suite))`: true, after saying loudly in one line why
 * (no Go toolchain, or the build failed), when the global setup left no program to start.
 */
export function kubeApiserverMissing(suite: string): boolean {
  const binary = process.env[BINARY_VARIABLE];
  if (binary !== undefined && binary !== '') return false;
  const reason = process.env[UNAVAILABLE_VARIABLE] ?? 'the kube project\'s global setup did not run (run it with --project kube)';
  console.warn(`\n!!! e2e: [${suite}] SKIPPED: no kube-apiserver: ${reason}\n`);
  return true;
}

export interface KubeApiserver {
  url: string;
  /** The admin kubeconfig the program wrote (static token of a system:masters user). */
  kubeconfig: string;
  kc: KubeConfig;
  /** The issuer the API server signs service-account tokens as (the eksid cluster's). */
  issuer: string;
  /** Milliseconds from spawn to the ready line (/readyz ok). */
  startMs: number;
  stop(): Promise<void>;
}

/** The cluster's OIDC issuer, from eksid's EKS DescribeCluster (what kind-up.sh reads), signed as the root keys. */
export async function clusterIssuer(eksid: EksidProcess, cluster: string): Promise<string> {
  const eks = new EKSClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials });
  try {
    const issuer = (await eks.send(new DescribeClusterCommand({ name: cluster }))).cluster?.identity?.oidc?.issuer;
    if (issuer === undefined) throw new Error(`describe-cluster ${cluster} named no issuer`);
    return issuer;
  } finally {
    eks.destroy();
  }
}

/** `eksid keys export --cluster C --out DIR`: sa.key and sa.pub, as kind-up.sh exports them. */
export async function exportKeys(eksid: EksidProcess, cluster: string): Promise<string> {
  const dir = scratchDir('eksid-kube-keys-');
  const exported = await run(process.execPath, [CLI_ENTRY, 'keys', 'export', '--cluster', cluster, '--out', dir, '--endpoint', eksid.url], { ...process.env, EKSID_ADMIN_TOKEN: eksid.adminToken });
  if (exported.code !== 0) throw new Error(`eksid keys export failed (${exported.code}): ${exported.stderr.trim()}`);
  return dir;
}

const READY = /kube-apiserver ready at (https:\/\/127\.0\.0\.1:\d+) kubeconfig (\S+)/;
const START_TIMEOUT_MS = 180_000;

/**
 * Starts the program for eksid's `cluster` and waits for its ready line. `extraArgs` go to
 * kube-apiserver itself (after `--`).
 */
export async function startKubeApiserver(eksid: EksidProcess, cluster: string, extraArgs: string[] = []): Promise<KubeApiserver> {
  const binary = process.env[BINARY_VARIABLE];
  if (binary === undefined || binary === '') throw new Error('no kube-apiserver binary (kubeApiserverMissing says why)');
  const issuer = await clusterIssuer(eksid, cluster);
  const keyDir = await exportKeys(eksid, cluster);
  const dataDir = scratchDir('eksid-kube-data-');
  const kubeconfig = join(scratchDir('eksid-kube-config-'), 'kubeconfig');
  const started = Date.now();
  // Its own process group, so stop() ends it and anything it started, whatever happens here.
  const child = spawn(binary, ['--issuer', issuer, '--key-dir', keyDir, '--kubeconfig', kubeconfig, '--data-dir', dataDir, '--', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-6000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kube-apiserver printed no ready line within ${START_TIMEOUT_MS / 1000} s; stderr: ${stderr}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const found = READY.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`kube-apiserver exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
      });
    });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    return { url: match[1] as string, kubeconfig, kc, issuer, startMs: Date.now() - started, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
