import { randomInt as cryptoRandomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { startAgent } from '@eksid/agent';
import { resolvePodCredentials } from '@eksid/webhook';
import type { PodCredentials, RandomInt } from '@eksid/webhook';
import { callEksid, resolveTarget } from '../client.js';
import type { EksidTarget } from '../client.js';
import { localNodeCredentials } from '../commands/agent-options.js';
import type { Io } from '../io.js';
import { commandLogger } from '../log-options.js';
import { exitStatus, holdSignals, runChild } from './child.js';
import type { SignalSource } from './child.js';
import { execMutationSettings, podEnvironment, regionOf } from './environment.js';
import { hasPodIdentityAssociation, readServiceAccount } from './lookup.js';
import type { PodIdentityTarget } from './lookup.js';
import { startTokenRefresh, systemScheduler } from './token-files.js';
import type { Scheduler } from './token-files.js';

export interface ExecOptions extends PodIdentityTarget {
  endpoint?: string;
  adminToken?: string;
  pod?: string;
}

export interface ExecDeps {
  scheduler: Scheduler;
  randomInt: RandomInt;
  uuid: () => string;
  signals?: SignalSource;
  stdio?: StdioOptions;
  onSpawn?: (child: ChildProcess) => void;
}

const defaultDeps: ExecDeps = { scheduler: systemScheduler, randomInt: cryptoRandomInt, uuid: randomUUID };

// Kubernetes' generateName alphabet (apimachinery util/rand): no vowels, no look-alikes.
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `--pod`, else a name like a generated pod's (`exec-x7k2p`): EKS Auth needs pod claims. */
function execPodName(flag: string | undefined, randomInt: RandomInt): string {
  if (flag !== undefined) return flag;
  return `exec-${Array.from({ length: 5 }, () => NAME_ALPHABET[randomInt(NAME_ALPHABET.length)]).join('')}`;
}

/**
 * Runs CMD as a pod with the service account would run: decides like EKS (through the
 * webhook's resolvePodCredentials), writes and refreshes the token, starts a loopback agent
 * for Pod Identity, and returns CMD's exit status. The temp dir and agent go away after.
 */
export async function runExec(options: ExecOptions, argv: readonly string[], io: Io, deps: ExecDeps = defaultDeps): Promise<number> {
  const server = resolveTarget(options, io.env);
  const { endpoint } = server;
  const [command = '', ...args] = argv;
  const target: PodIdentityTarget = { cluster: options.cluster, namespace: options.namespace, serviceAccount: options.serviceAccount };
  const serviceAccount = await readServiceAccount(server, target);
  const association = await hasPodIdentityAssociation(server, target);
  const held = holdSignals(deps.signals);
  const dir = mkdtempSync(join(tmpdir(), 'eksid-exec-'));
  const cleanups: (() => Promise<void> | void)[] = [() => held.release()];
  try {
    const credentials = resolvePodCredentials({
      serviceAccountAnnotations: serviceAccount.annotations,
      podIdentityAssociation: association,
      settings: execMutationSettings(dir),
      randomInt: deps.randomInt,
    });
    let agentUrl: string | undefined;
    if (credentials === undefined) {
      io.stderr(`eksid: warning: ${target.namespace}/${target.serviceAccount} in cluster ${target.cluster} has no Pod Identity association and no eks.amazonaws.com/role-arn annotation; running without AWS credentials, as such a pod would\n`);
    } else {
      const pod = { name: execPodName(options.pod, deps.randomInt), uid: deps.uuid() };
      const refresh = await startTokenRefresh({
        file: credentials.token.file,
        expirationSeconds: credentials.token.expirationSeconds,
        mint: () => mintPodToken(server, target, credentials, pod),
        scheduler: deps.scheduler,
        onError: (message) => io.stderr(`eksid: ${message}\n`),
      });
      cleanups.push(() => refresh.close());
      if (credentials.mode === 'pod-identity') {
        const agent = await startAgent({
          clusterName: target.cluster,
          bindHosts: ['127.0.0.1'],
          port: 0,
          probePort: null,
          metricsPort: null,
          endpoint,
          region: regionOf(io.env),
          // Not the SDK chain: a developer's own (real AWS) keys are no node role of this eksid.
          credentials: localNodeCredentials(io.env),
          env: {},
          // The command's credential requests belong in the audit trail like a pod's.
          reportEvents: true,
          ...(server.adminToken === undefined ? {} : { adminToken: server.adminToken }),
          // $EKSID_LOG_LEVEL, else silent: CMD's output stays its own.
          logger: await commandLogger(io, {}, 'silent'),
        });
        cleanups.push(() => agent.close());
        agentUrl = agent.urls[0];
      }
    }
    const env = podEnvironment({ parent: io.env, credentials, endpoint, agentUrl, dir });
    const stopped = held.received();
    if (stopped !== undefined) return exitStatus(null, stopped);
    held.release();
    return await runChild(command, args, { env, signals: deps.signals, stdio: deps.stdio, onSpawn: deps.onSpawn });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A token as the kubelet would project it for the pod: the resolved audience and lifetime, pod-bound. */
async function mintPodToken(server: EksidTarget, target: PodIdentityTarget, credentials: PodCredentials, pod: { name: string; uid: string }): Promise<string> {
  const { audience, expirationSeconds } = credentials.token;
  const reply = await callEksid(server, 'POST', '/_eksid/token', {
    cluster: target.cluster,
    namespace: target.namespace,
    serviceAccount: target.serviceAccount,
    // "" is the API server's default audience; eksid's token endpoint has its own default.
    ...(audience === '' ? {} : { audience: [audience] }),
    expirationSeconds,
    pod,
  });
  return String(reply['token']);
}
