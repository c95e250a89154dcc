import type { Logger } from '@eksid/core/log';
import type { EksAuthClient } from './eks-auth-client.js';
import { EksAuthResponseError } from './eks-auth-errors.js';
import type { PodCredentials } from './model.js';
import type { FetchCredentials } from './refreshing-cache.js';

export interface EksAuthFetcherOptions {
  client: EksAuthClient;
  clusterName: string;
  logger: Logger;
  now: () => number;
  /** Called once per EKS Auth call with its duration and outcome, for metrics. */
  observe?: (seconds: number, outcome: 'success' | 'error') => void;
}

/**
 * The agent's eksauth service (internal/cloud/eksauth/service.go): one EKS Auth call per
 * fetch, logged like the real agent, SDK failures wrapped with its prefix.
 */
export function createEksAuthFetcher(options: EksAuthFetcherOptions): FetchCredentials {
  const { client, clusterName, logger, now } = options;
  return async (token: string, log: Logger = logger): Promise<PodCredentials> => {
    log.info('Calling EKS Auth to fetch credentials');
    const started = now();
    try {
      const creds = await client.assumeRoleForPodIdentity(clusterName, token);
      const elapsed = now() - started;
      options.observe?.(elapsed / 1000, 'success');
      log.info({
        request_time_ms: elapsed,
        fetched_role_arn: creds.roleArn,
        fetched_role_id: creds.roleId,
      }, 'Successfully fetched credentials from EKS Auth');
      return creds;
    } catch (err) {
      options.observe?.((now() - started) / 1000, 'error');
      if (err instanceof EksAuthResponseError) {
        throw new Error(`unable to fetch credentials from EKS Auth: ${err.message}`, { cause: err });
      }
      throw err;
    }
  };
}
