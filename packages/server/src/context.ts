import type { CoreConfig, DecisionLog, Deps, KeyPair, Store, StsContext } from '@eksid/core';
import type { Logger } from 'pino';

/**
 * Everything a route needs, built once by the CLI (or a test) and handed to createApp.
 * `signatureMode` 'lenient' treats unknown access keys as the account root (LocalStack's
 * default); 'strict' rejects them, and unsigned calls wherever AWS requires a signature.
 */
export interface ServerContext extends StsContext {
  store: Store;
  deps: Deps;
  config: CoreConfig;
  log: Logger;
  signatureMode: 'lenient' | 'strict';
  /** The account root's key pair (both modes): calls signed with it act as the root. */
  rootKey?: KeyPair;
  /**
   * `--enforce-iam`: IAM and EKS admin calls are evaluated against the caller's identity
   * policies (authorize-admin.ts). Off (the default), every caller may make every admin call.
   */
  enforceIam?: boolean;
  /** The audit trail every credential decision is recorded in (the dashboard and `eksid events` read it). */
  decisions: DecisionLog;
  /** The secret eksid's own API asks of callers (eksid/admin-guard.ts); see @eksid/core/admin-token. */
  adminToken: string;
  /** Lifetime of EKS Pod Identity credentials; AWS does not document it (default 6 h). */
  podIdentitySessionSeconds?: number;
}
