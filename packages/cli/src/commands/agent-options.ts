import type { AgentConfig } from '@eksid/agent';
import { resolveEndpoint } from '../client.js';
import { UsageError } from '../errors.js';

/** `eksid agent`'s flags as commander hands them over; names are the real agent's. */
export interface AgentFlags {
  cluster?: string;
  clusterName?: string;
  endpoint?: string;
  bindHosts?: string[];
  bind?: string[];
  port?: number;
  probePort?: number;
  metricsAddress?: string;
  metricsPort?: number;
  maxCredentialRetentionBeforeRenewal?: number;
  maxCacheSize?: number;
  maxServiceQps?: number;
  maxRequestsPerSecond?: number;
  /** false from --no-report-events; commander leaves it true otherwise. */
  reportEvents?: boolean;
  adminToken?: string;
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Static keys for SigV4 to eksid, which accepts any signer in its default (lenient) mode. */
export const LOCAL_NODE_CREDENTIALS: StaticCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const CREDENTIAL_SOURCES = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

/**
 * The account root's key pair when EKSID_ROOT_ACCESS_KEY_ID and EKSID_ROOT_SECRET_ACCESS_KEY
 * are set (the variables `eksid up` reads; `up --strict-signatures` refuses keys it does not
 * know), else static keys any lenient eksid accepts.
 */
export function localNodeCredentials(env: Readonly<Record<string, string | undefined>>): StaticCredentials {
  const accessKeyId = env['EKSID_ROOT_ACCESS_KEY_ID'];
  const secretAccessKey = env['EKSID_ROOT_SECRET_ACCESS_KEY'];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : LOCAL_NODE_CREDENTIALS;
}

/**
 * The node's credentials: the root key pair when the environment gives it; else the SDK default
 * chain (undefined) when the environment names a source, as the real agent's node role would be
 * found; otherwise static keys, because the chain would end at IMDS and wait on a metadata
 * service this machine may not have.
 */
export function nodeCredentials(env: Readonly<Record<string, string | undefined>>): StaticCredentials | undefined {
  const local = localNodeCredentials(env);
  if (local !== LOCAL_NODE_CREDENTIALS) return local;
  return CREDENTIAL_SOURCES.some((name) => Boolean(env[name])) ? undefined : LOCAL_NODE_CREDENTIALS;
}

/**
 * Maps flags onto AgentConfig. Loopback is the default bind (169.254.170.23 is not on a dev
 * machine); with only loopback hosts the probe and metrics ports also default to free ones,
 * so two local agents never fight over 2703/2705. Binding the real addresses keeps the real
 * defaults (port 80, 2703, 2705).
 */
export function agentConfigFromFlags(flags: AgentFlags, env: Readonly<Record<string, string | undefined>>): AgentConfig {
  const clusterName = flags.cluster ?? flags.clusterName;
  if (clusterName === undefined || clusterName === '') throw new UsageError("required option '-c, --cluster <name>' not specified");
  const bindHosts = [...(flags.bindHosts ?? []), ...(flags.bind ?? [])];
  const hosts = bindHosts.length > 0 ? bindHosts : ['127.0.0.1'];
  const loopback = hosts.every((h) => LOOPBACK.test(h));
  return {
    clusterName,
    bindHosts: hosts,
    port: flags.port,
    // Like every client command, plus the variable the real agent honours for EKS Auth (issue #88).
    endpoint: resolveEndpoint(flags.endpoint, env, 'EKS_AUTH'),
    credentials: nodeCredentials(env),
    probePort: flags.probePort ?? (loopback ? 0 : undefined),
    metricsPort: flags.metricsPort ?? (loopback ? 0 : undefined),
    metricsAddress: flags.metricsAddress,
    maxCredentialRetentionBeforeRenewalMs: flags.maxCredentialRetentionBeforeRenewal,
    maxCacheSize: flags.maxCacheSize,
    maxServiceQps: flags.maxServiceQps,
    maxRequestsPerSecond: flags.maxRequestsPerSecond,
    // The endpoint is eksid, which keeps the audit trail `eksid events` reads.
    reportEvents: flags.reportEvents ?? true,
    ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
    env,
  };
}
