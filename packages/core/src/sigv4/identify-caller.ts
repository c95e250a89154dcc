import type { Clock } from '../deps.js';
import { ExpiredSessionTokenError, InvalidClientTokenIdError, SignatureDoesNotMatchError, UnknownSessionError } from '../sts/errors.js';
import { checkCredentialScope } from './credential-scope.js';
import type { CredentialScope } from './credential-scope.js';
import { parseAuthorization } from './parse-authorization.js';
import type { SignedRequest } from './types.js';
import { verifySignature } from './verify-signature.js';

/** The secrets eksid keeps for credentials it issued; the store may add anything (`T`). */
export interface SessionSecrets {
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** Temporary credentials of the account root (GetSessionToken): calls made with them act as the root. */
  root?: true;
}

/** The session `securityToken` is for `accessKeyId`; undefined when it is none eksid issued for that key. */
export type SessionLookup<T> = (
  accessKeyId: string,
  securityToken: string,
) => (SessionSecrets & T) | undefined | Promise<(SessionSecrets & T) | undefined>;

export type Caller<T = unknown> =
  | { kind: 'anonymous' }
  /**
   * The account's root key pair, or (lenient mode) credentials eksid never issued; `temporary`
   * when signed with session credentials the root got from GetSessionToken.
   */
  | { kind: 'root'; accountId: string; accessKeyId: string; temporary?: true }
  | { kind: 'session'; accessKeyId: string; session: SessionSecrets & T };

export interface IdentifyCallerDeps<T> {
  clock: Clock;
  lookupSession: SessionLookup<T>;
}

/** A long-term key pair, like an IAM user's or the account root's. */
export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * lenient: unknown keys act as the account root with any secret, as LocalStack does by
 * default, so `aws --profile anything` works. strict: only credentials eksid issued and the
 * root key pair. Keys eksid knows are checked in both modes: secret, token, expiry and scope.
 */
export interface IdentifyCallerOptions {
  mode: 'lenient' | 'strict';
  accountId: string;
  /** The account root's key pair: calls signed with it act as the root. */
  rootKey?: KeyPair;
  /** What the endpoint accepts in the credential scope; unchecked when absent. */
  scope?: CredentialScope;
}

/**
 * Who signed `req`. Throws IncompleteSignatureError for an unparseable signature, and for
 * keys eksid knows: InvalidClientTokenIdError when the security token is not the session's,
 * ExpiredSessionTokenError after expiry, SignatureDoesNotMatchError for a scope the endpoint
 * does not serve or a bad or stale signature.
 */
export async function identifyCaller<T = unknown>(
  req: SignedRequest,
  deps: IdentifyCallerDeps<T>,
  options: IdentifyCallerOptions,
): Promise<Caller<T>> {
  const claim = parseAuthorization(req);
  if (claim.kind === 'none') return { kind: 'anonymous' };
  const { rootKey } = options;
  if (rootKey !== undefined && claim.accessKeyId === rootKey.accessKeyId) {
    // Long-term keys have no session token; STS refuses one sent with them as it refuses any token it did not issue.
    if (claim.securityToken !== undefined) throw new InvalidClientTokenIdError();
    if (options.scope !== undefined) checkCredentialScope(claim, options.scope);
    if (!(await verifySignature(req, claim, rootKey.secretAccessKey, deps.clock))) throw new SignatureDoesNotMatchError();
    return { kind: 'root', accountId: options.accountId, accessKeyId: claim.accessKeyId };
  }
  // Same order as STS: the token must belong to the key before its age or signature matter.
  const session = claim.securityToken === undefined ? undefined : await deps.lookupSession(claim.accessKeyId, claim.securityToken);
  if (session === undefined) {
    if (looksLikeLostSession(claim.accessKeyId)) throw new UnknownSessionError(claim.accessKeyId);
    if (options.mode === 'strict') throw new InvalidClientTokenIdError();
    return { kind: 'root', accountId: options.accountId, accessKeyId: claim.accessKeyId };
  }
  if (deps.clock.now().getTime() >= session.expiration.getTime()) throw new ExpiredSessionTokenError();
  if (options.scope !== undefined) checkCredentialScope(claim, options.scope);
  if (!(await verifySignature(req, claim, session.secretAccessKey, deps.clock))) throw new SignatureDoesNotMatchError();
  if (session.root === true) return { kind: 'root', accountId: options.accountId, accessKeyId: claim.accessKeyId, temporary: true };
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
