import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { EksAuthResponseError } from './eks-auth-errors.js';
import { parseErrorResponse, parseSuccessResponse } from './eks-auth-response.js';
import { createHttpAttempter, TransportError } from './http-attempt.js';
import type { AttemptTimeouts, RawResponse } from './http-attempt.js';
import type { PodCredentials } from './model.js';

/**
 * EKS Auth `AssumeRoleForPodIdentity` over rest-json with SigV4 service `eks-auth`.
 * Written on @smithy/signature-v4 because `@aws-sdk/client-eks-auth` is not available from
 * the registry this project installs from; the wire (route, body, headers, error shape) is
 * the model's (botocore data/eks-auth/2023-11-26/service-2.json) and retries follow the Go
 * SDK's standard retryer the real agent uses (3 attempts, exponential jitter backoff).
 */
export interface EksAuthClientOptions extends AttemptTimeouts {
  /** Base URL, e.g. https://eks-auth.us-west-2.api.aws or http://127.0.0.1:4599. */
  endpoint: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  /** Delay before retry number `attempt` (1-based), in ms. */
  backoffMs: (attempt: number) => number;
}

export interface EksAuthClient {
  assumeRoleForPodIdentity(clusterName: string, token: string): Promise<PodCredentials>;
  close(): void;
}

// aws-sdk-go-v2 aws/retry: retryable statuses and throttling/transient error codes.
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'RequestLimitExceeded', 'RequestThrottled', 'LimitExceededException', 'SlowDown', 'PriorRequestNotComplete',
  'RequestTimeout', 'RequestTimeoutException',
]);

/** Go SDK ExponentialJitterBackoff: rand * 2^attempt seconds, capped at 20s. */
export function goExponentialJitterBackoff(random: () => number): (attempt: number) => number {
  return (attempt) => Math.min(20_000, random() * 2 ** attempt * 1000);
}

export function createEksAuthClient(options: EksAuthClientOptions): EksAuthClient {
  const signer = new SignatureV4({ service: 'eks-auth', region: options.region, credentials: options.credentials, sha256: Sha256 });
  const attempter = createHttpAttempter(options);
  const base = new URL(options.endpoint);

  async function attempt(clusterName: string, token: string): Promise<RawResponse> {
    const path = `${base.pathname.replace(/\/$/, '')}/clusters/${encodeURIComponent(clusterName)}/assume-role-for-pod-identity`;
    const body = JSON.stringify({ token });
    const signed = await signer.sign({
      method: 'POST',
      protocol: base.protocol,
      hostname: base.hostname,
      path,
      headers: { host: base.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    return attempter.send(new URL(path, base), { method: 'POST', headers: signed.headers, body });
  }

  return {
    async assumeRoleForPodIdentity(clusterName, token) {
      for (let n = 1; ; n++) {
        let failure: EksAuthResponseError;
        try {
          const raw = await attempt(clusterName, token);
          if (raw.status >= 200 && raw.status < 300) return parseSuccessResponse(raw);
          failure = parseErrorResponse(raw);
          const retryable = RETRYABLE_STATUS.has(raw.status) || RETRYABLE_CODES.has(failure.apiError?.code ?? '');
          if (!retryable) throw failure;
        } catch (err) {
          if (!(err instanceof TransportError)) throw err;
          failure = new EksAuthResponseError(0, '', undefined, `request send failed, ${err.message}`, { cause: err });
        }
        if (n >= options.maxAttempts) {
          throw new EksAuthResponseError(failure.status, failure.requestId, failure.apiError,
            `exceeded maximum number of attempts, ${options.maxAttempts}, ${failure.message}`, { cause: failure });
        }
        await new Promise((resolve) => setTimeout(resolve, options.backoffMs(n)));
      }
    },
    close: () => attempter.close(),
  };
}
