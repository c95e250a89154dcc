import type { CoreConfig, DecisionLog, Deps, Store, StsContext } from '@eksid/core';
import type { Logger } from 'pino';

/**
 * Everything a route needs, built once by the CLI (or a test) and handed to createApp.
 * `signatureMode` 'lenient' treats unknown access keys as the account root (LocalStack's
 * default); 'strict' rejects them.
 */
export interface ServerContext extends StsContext {
  store: Store;
  deps: Deps;
  config: CoreConfig;
  log: Logger;
  signatureMode: 'lenient' | 'strict';
  /**
   * `--enforce-iam`: IAM and EKS admin calls are evaluated against the caller's identity
   * policies (authorize-admin.ts). Off (the default), every caller may make every admin call.
   */
  enforceIam?: boolean;
  /** The audit trail every credential decision is recorded in (the dashboard and `eksid events` read it). */
  decisions: DecisionLog;
  /** Lifetime of EKS Pod Identity credentials; AWS does not document it (default 6 h). */
  podIdentitySessionSeconds?: number;
}
