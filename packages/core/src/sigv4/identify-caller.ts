import type { Clock } from '../deps.js';
import { ExpiredSessionTokenError, InvalidClientTokenIdError, SignatureDoesNotMatchError, UnknownSessionError } from '../sts/errors.js';
import { parseAuthorization } from './parse-authorization.js';
import type { SignedRequest } from './types.js';
import { verifySignature } from './verify-signature.js';

/** The secrets eksid keeps for credentials it issued; the store may add anything (`T`). */
export interface SessionSecrets {
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** The session `securityToken` is for `accessKeyId`; undefined when it is none eksid issued for that key. */
export type SessionLookup<T> = (
  accessKeyId: string,
  securityToken: string,
) => (SessionSecrets & T) | undefined | Promise<(SessionSecrets & T) | undefined>;

export type Caller<T = unknown> =
  | { kind: 'anonymous' }
  /** Credentials eksid never issued, accepted in lenient mode as the account's root. */
  | { kind: 'root'; accountId: string; accessKeyId: string }
  | { kind: 'session'; accessKeyId: string; session: SessionSecrets & T };

export interface IdentifyCallerDeps<T> {
  clock: Clock;
  lookupSession: SessionLookup<T>;
}

/**
 * lenient: unknown keys act as the account root with any secret, as LocalStack does by
 * default, so `aws --profile anything` works. strict: only credentials eksid issued.
 */
export interface IdentifyCallerOptions {
  mode: 'lenient' | 'strict';
  accountId: string;
}

/**
 * Who signed `req`. Throws IncompleteSignatureError for an unparseable signature, and for
 * eksid-issued keys: InvalidClientTokenIdError when the security token is not the session's,
 * ExpiredSessionTokenError after expiry, SignatureDoesNotMatchError for a bad or stale signature.
 */
export async function identifyCaller<T = unknown>(
  req: SignedRequest,
  deps: IdentifyCallerDeps<T>,
  options: IdentifyCallerOptions,
): Promise<Caller<T>> {
  const claim = parseAuthorization(req);
  if (claim.kind === 'none') return { kind: 'anonymous' };
  // Same order as STS: the token must belong to the key before its age or signature matter.
  const session = claim.securityToken === undefined ? undefined : await deps.lookupSession(claim.accessKeyId, claim.securityToken);
  if (session === undefined) {
    if (looksLikeLostSession(claim.accessKeyId)) throw new UnknownSessionError(claim.accessKeyId);
    if (options.mode === 'strict') throw new InvalidClientTokenIdError();
    return { kind: 'root', accountId: options.accountId, accessKeyId: claim.accessKeyId };
  }
  if (deps.clock.now().getTime() >= session.expiration.getTime()) throw new ExpiredSessionTokenError();
  if (!(await verifySignature(req, claim, session.secretAccessKey, deps.clock))) throw new SignatureDoesNotMatchError();
  return { kind: 'session', accessKeyId: claim.accessKeyId, session };
}

/**
 * Temporary credentials (an ASIA key) whose session token eksid cannot open are sessions
 * another store issued (one reset since, e.g. still cached by botocore in ~/.aws/cli/cache),
 * a token presented with another session's key, or no token at all. Acting as root with them
 * would hide that; STS answers InvalidClientTokenId for a session it does not know, and so
 * does eksid even in lenient mode. Made-up keys like `test`, with or without a made-up token,
 * stay the root.
 */
function looksLikeLostSession(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA');
}
