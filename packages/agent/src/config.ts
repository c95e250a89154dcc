import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Clock } from './clock.js';
import { bareHost, isLoopbackHost } from '@eksid/core/hosts';
import type { Logger } from '@eksid/core/log';
import { REAL_TARGET_HOSTS } from './validation/request.js';

/** What `eksid agent` passes; each field is the real agent's flag (cmd/server.go) unless noted. */
export interface AgentConfig {
  /** -c, --cluster-name (required): sent to EKS Auth. */
  clusterName: string;
  /** -b, --bind-hosts. eksid default `127.0.0.1`; the real default is REAL_BIND_HOSTS. */
  bindHosts?: readonly string[];
  /** -p, --port. Default 80 when binding the real addresses, else 0 (any free port). */
  port?: number;
  /** eksid only: Host header values accepted. Default: the real two plus bound loopback hosts. */
  allowedHosts?: readonly string[];
  /** --probe-port (2703), bound on probeAddress; null turns the probe listener off. */
  probePort?: number | null;
  /** eksid only; the real agent binds `localhost`. */
  probeAddress?: string;
  /** --metrics-port (2705); null turns it off. */
  metricsPort?: number | null;
  /** --metrics-address. Default 0.0.0.0, or 127.0.0.1 when every bind host is loopback. */
  metricsAddress?: string;
  /** --endpoint; else AWS_ENDPOINT_URL_EKS_AUTH, AWS_ENDPOINT_URL, then the public one. */
  endpoint?: string;
  /** Else AWS_REGION, AWS_DEFAULT_REGION, then us-east-1 (eksid's default region). */
  region?: string;
  /** Node credentials for SigV4. Default: the SDK's default chain (env, profile, IMDS...). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** --max-credential-retention-before-renewal in ms (3h); 0 disables the cache. */
  maxCredentialRetentionBeforeRenewalMs?: number;
  /** --max-cache-size (2000); 0 disables the cache. */
  maxCacheSize?: number;
  /**
   * eksid only: the real agent limits /v1/credentials to 1000 req/s with a burst of 500
   * (internal/middleware/rate_limiter/rate_limiter.go); 0 turns the limit off (benchmarks).
   */
  maxRequestsPerSecond?: number;
  /** --max-service-qps (3). */
  maxServiceQps?: number;
  /** EKS Auth call limits: 500ms dial, 1s per attempt, 3 attempts (internal/cloud/eksauth/service.go). */
  eksAuth?: { dialTimeoutMs?: number; attemptTimeoutMs?: number; maxAttempts?: number; backoffMs?: (attempt: number) => number };
  /**
   * eksid only: send each /v1/credentials decision to the eksid server's audit trail
   * (`<endpoint>/_eksid/events`), where `eksid events` shows it. Default false; `eksid agent`
   * turns it on unless given --no-report-events.
   */
  reportEvents?: boolean;
  /**
   * eksid only: the admin token eksid's events ingest asks for (X-Eksid-Admin-Token). Default
   * $EKSID_ADMIN_TOKEN, else the one `eksid up` announced on this machine for the endpoint.
   */
  adminToken?: string;
  /** Environment to read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default: @eksid/core/log's, on stderr at info. */
  logger?: Logger;
  clock?: Clock;
}

/** The real agent's -b default (cmd/server.go). */
export const REAL_BIND_HOSTS: readonly string[] = ['169.254.170.23', '[fd00:ec2::23]'];
export const DEFAULT_BIND_HOSTS: readonly string[] = ['127.0.0.1'];
export const DEFAULT_PROBE_PORT = 2703;
export const DEFAULT_METRICS_PORT = 2705;
export const DEFAULT_RENEWAL_MS = 3 * 60 * 60 * 1000;
export const DEFAULT_MAX_CACHE_SIZE = 2000;
export const DEFAULT_MAX_SERVICE_QPS = 3;

/**
 * The real agent accepts only Host 169.254.170.23 / fd00:ec2::23, so a request that reached
 * it under another name (a proxy, a DNS name, a forwarded port) is refused. A loopback
 * listener is reachable only from this machine, and both SDKs accept loopback container
 * URIs, so accepting the loopback host we are bound to (and `localhost`) keeps that
 * guarantee while letting local processes use the agent.
 */
export function defaultAllowedHosts(bindHosts: readonly string[]): string[] {
  const loopback = bindHosts.filter(isLoopbackHost).map(bareHost);
  const extra = loopback.length > 0 ? [...loopback, 'localhost'] : [];
  return [...new Set([...REAL_TARGET_HOSTS, ...extra])];
}

export function resolveRegion(config: AgentConfig, env: Readonly<Record<string, string | undefined>>): string {
  return config.region ?? (env['AWS_REGION'] || undefined) ?? (env['AWS_DEFAULT_REGION'] || undefined) ?? 'us-east-1';
}

/** Precedence as the Go SDK: explicit --endpoint, service-specific env, global env, default. */
export function resolveEndpoint(config: AgentConfig, env: Readonly<Record<string, string | undefined>>, region: string): string {
  return config.endpoint || env['AWS_ENDPOINT_URL_EKS_AUTH'] || env['AWS_ENDPOINT_URL'] || `https://eks-auth.${region}.api.aws`;
}
