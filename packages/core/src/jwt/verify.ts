import type { JWTPayload } from 'jose';
import type { CoreConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { fetchableIssuerUrl, issuerUrl } from '../oidc/index.js';
import type { OidcProviderRecord, Store } from '../store/index.js';
import { InvalidIdentityTokenError } from '../sts/errors.js';
import { ClusterNotFoundError } from '../eks/errors.js';
import { TokenRejectedError, clusterTokenErrorFrom } from './errors.js';
import { RemoteKeyResolver } from './key-resolvers.js';
import { parsedIfVerified, verifyOwnClusterSignature } from './own-signature.js';
import { STS_MESSAGES, audiencesOf, checkAlg, checkTimes, parseToken, rejection, verifySignature } from './token-checks.js';

export interface WebIdentityVerification {
  claims: JWTPayload;
  provider: OidcProviderRecord;
  /** The issuer as IAM names the provider (no scheme): the prefix of `<provider>:sub` condition keys. */
  issuerHostPath: string;
  /** The first of the token's audiences that is a client id of the provider. */
  audience: string;
  subject: string;
  /** The eksid cluster that issued the token, when it is one of ours (for decision records). */
  clusterName: string | undefined;
}

export interface VerifyWebIdentityOptions {
  /** Fetches keys of issuers outside eksid; tests pass one with a short timeout. */
  remoteKeys?: RemoteKeyResolver;
}

const defaultRemoteKeys = new RemoteKeyResolver();

/** The eksid cluster whose issuer this is, when `iss` is `<publicUrl>/id/<oidcId>` of a known cluster. */
export function ownClusterName(store: Store, config: CoreConfig, iss: string): string | undefined {
  const prefix = `${config.publicUrl}/id/`;
  const trimmed = iss.replace(/\/+$/, '');
  if (!trimmed.startsWith(prefix)) return undefined;
  const oidcId = trimmed.slice(prefix.length);
  return oidcId.includes('/') ? undefined : store.clusters.nameByOidcId(oidcId);
}

function matchAudience(claims: JWTPayload, clientIds: string[], label = 'client ids'): string {
  if (claims.aud === undefined) throw rejection('aud', 'token has no aud claim', new InvalidIdentityTokenError(STS_MESSAGES.missingClaim('aud')));
  const auds = audiencesOf(claims);
  const audience = auds.find((a) => clientIds.includes(a));
  if (audience === undefined) {
    throw rejection('aud', `aud ${JSON.stringify(auds)} not in ${label} ${JSON.stringify(clientIds)}`, new InvalidIdentityTokenError(STS_MESSAGES.audience));
  }
  return audience;
}

/**
 * STS AssumeRoleWithWebIdentity's token checks, in order: parse, alg, issuer registered in
 * the account, keys, kid + signature, exp then nbf/iat, aud among the provider's client ids.
 * Throws TokenRejectedError naming the first failed check; its `awsError` is STS's answer.
 */
export async function verifyWebIdentityToken(
  store: Store,
  deps: Deps,
  config: CoreConfig,
  token: string,
  options: VerifyWebIdentityOptions = {},
): Promise<WebIdentityVerification> {
  const parsed = parsedIfVerified(token) ?? parseToken(token);
  const { iss, sub } = parsed.payload;
  if (typeof sub !== 'string') throw rejection('parse', 'token has no sub claim', new InvalidIdentityTokenError(STS_MESSAGES.missingClaim('sub')));
  checkAlg(parsed.header);
  if (typeof iss !== 'string' || iss === '') {
    throw rejection('issuer', 'token has no iss claim', new InvalidIdentityTokenError(STS_MESSAGES.missingClaim('iss')));
  }
  // iss must be the provider's URL exactly, as registered (IAM keys it without the scheme): no
  // trailing-slash or case folding, so each provider has one spelling (and one JWKS cache entry).
  const hostPath = /^https?:\/\//.test(iss) ? iss.slice(iss.indexOf('//') + 2) : undefined;
  const provider = hostPath === undefined ? undefined : store.oidcProviders.byUrl(config.accountId, hostPath);
  if (!provider || hostPath === undefined) {
    throw rejection('issuer', `no OIDC provider with url ${hostPath ?? iss} in account ${config.accountId}`, new InvalidIdentityTokenError(STS_MESSAGES.noProvider(iss)));
  }
  const clusterName = ownClusterName(store, config, iss);
  const now = deps.clock.now();
  const claims = clusterName
    ? await verifyOwnClusterSignature(store, deps, clusterName, token, parsed, now)
    : await verifySignature(token, (options.remoteKeys ?? defaultRemoteKeys).resolver(provider.arn, iss, (url) => fetchableIssuerUrl(config, url)), now, parsed);
  checkTimes(claims, now);
  const audience = matchAudience(claims, provider.clientIds);
  return { claims, provider, issuerHostPath: hostPath, audience, subject: sub, clusterName };
}

/**
 * A token one of eksid's clusters signed, checked for `audience` — what EKS Auth
 * AssumeRoleForPodIdentity needs. Throws ClusterNotFoundError, or ClusterTokenError whose
 * `reason` the Pod Identity layer maps to its own errors.
 */
export async function verifyClusterToken(
  store: Store,
  deps: Deps,
  config: CoreConfig,
  clusterName: string,
  token: string,
  options: { audience: string },
): Promise<JWTPayload> {
  const cluster = store.clusters.get(config.accountId, clusterName);
  if (!cluster) throw new ClusterNotFoundError(clusterName);
  try {
    const parsed = parsedIfVerified(token) ?? parseToken(token);
    checkAlg(parsed.header);
    const expected = issuerUrl(config, cluster.oidcId);
    if (parsed.payload.iss !== expected) throw rejection('issuer', `iss ${JSON.stringify(parsed.payload.iss)} is not ${expected}`);
    const now = deps.clock.now();
    const claims = await verifyOwnClusterSignature(store, deps, clusterName, token, parsed, now);
    checkTimes(claims, now);
    matchAudience(claims, [options.audience], 'expected audience');
    return claims;
  } catch (e) {
    throw e instanceof TokenRejectedError ? clusterTokenErrorFrom(e) : e;
  }
}
