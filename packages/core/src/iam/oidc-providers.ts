import { oidcProviderArn, parseArn } from '../ids/index.js';
import { fetchableIssuerUrl } from '../oidc/index.js';
import type { OidcProviderRecord, Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.js';
import { checkUniqueTagKeys } from './tags.js';

/** IAM quotas: 100 client ids per provider, 5 thumbprints (reference_iam-quotas.html). */
const MAX_CLIENT_IDS = 100;
const MAX_THUMBPRINTS = 5;

export interface CreateOpenIdConnectProviderInput {
  url: string;
  clientIds?: string[] | undefined;
  /** Optional since 2023: IAM then trusts the issuer's CA itself. */
  thumbprints?: string[] | undefined;
  tags?: Tag[] | undefined;
}

export function createOpenIdConnectProvider(ctx: IamContext, input: CreateOpenIdConnectProviderInput): OidcProviderRecord {
  const { accountId, partition } = ctx.config;
  const hostPath = providerHostPath(input.url);
  if (!fetchableIssuerUrl(ctx.config, input.url)) throw new InvalidInputError(NOT_HTTPS);
  if (ctx.store.oidcProviders.byUrl(accountId, hostPath)) throw new EntityAlreadyExistsError(`Provider with url ${input.url} already exists.`);
  const clientIds = checkClientIds(input.clientIds ?? []);
  const thumbprints = checkThumbprints(input.thumbprints ?? []);
  checkUniqueTagKeys(input.tags ?? []);
  const provider: OidcProviderRecord = {
    arn: oidcProviderArn(partition, accountId, hostPath),
    accountId,
    url: hostPath,
    clientIds,
    thumbprints,
    tags: input.tags ?? [],
    createdAt: ctx.deps.clock.now(),
  };
  ctx.store.oidcProviders.put(provider);
  return provider;
}

export function getOpenIdConnectProvider(ctx: IamContext, arn: string): OidcProviderRecord {
  checkProviderArn(arn);
  const provider = ctx.store.oidcProviders.get(arn);
  if (!provider || provider.accountId !== ctx.config.accountId) throw new NoSuchEntityError(`OpenIDConnect Provider not found for arn ${arn}`);
  return provider;
}

/** ListOpenIDConnectProviders is not paginated in IAM's API. */
export function listOpenIdConnectProviders(ctx: IamContext): OidcProviderRecord[] {
  return ctx.store.oidcProviders.list(ctx.config.accountId);
}

/**
 * The API reference calls this idempotent, but IAM answers a second delete with NoSuchEntity in
 * this wording (observed and reproduced by versity/versitygw iamapi controller tests); we do too.
 */
export function deleteOpenIdConnectProvider(ctx: IamContext, arn: string): void {
  checkProviderArn(arn);
  const provider = ctx.store.oidcProviders.get(arn);
  if (!provider || provider.accountId !== ctx.config.accountId) throw new NoSuchEntityError(`OpenId connect Provider ${arn} cannot be found.`);
  ctx.store.oidcProviders.delete(arn);
}

/**
 * IAM's answer to a URL with another scheme: InvalidInput, 400, in this wording (reproduced by
 * versity/versitygw's IAM integration tests, IAMCreateOpenIDConnectProvider_invalid_url).
 */
const NOT_HTTPS = 'Invalid Open ID Connect Provider URL. The URL must begin with https://.';

/**
 * The issuer URL as IAM keys the provider: host, optional port and path, no scheme.
 * IAM accepts https:// only; eksid also takes http:// where oidc/http-issuers.ts allows it
 * (its own issuers are served at http://127.0.0.1:4599/id/<OIDC_ID>; the port is kept for
 * the same reason). Query strings and fragments are refused as IAM does.
 */
export function providerHostPath(url: string): string {
  const match = /^https?:\/\/([^/?#\s]+)([^?#\s]*)$/i.exec(url);
  if (!match) {
    throw new InvalidInputError(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^https?:/i.test(url) ? NOT_HTTPS : 'Invalid Open ID Connect Provider URL.');
  }
  // https's default port names the same issuer as no port: eksctl sends `https://host:443/id/X`
  // (pkg/iam/oidc/api.go NewOpenIDConnectManager adds it) and then looks the provider up as
  // `oidc-provider/host/id/X`, so IAM keys it without the port.
  const host = /^https:/i.test(url) ? (match[1] as string).replace(/:443$/, '') : match[1];
  return `${host}${match[2]}`;
}

export function checkClientIds(clientIds: readonly string[]): string[] {
  const unique = [...new Set(clientIds)];
  if (unique.length > MAX_CLIENT_IDS) throw new LimitExceededError(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  return unique;
}

/** A thumbprint is the hex SHA-1 of a certificate: 40 hex digits. */
export function checkThumbprints(thumbprints: readonly string[]): string[] {
  if (thumbprints.length > MAX_THUMBPRINTS) throw new InvalidInputError(`Thumbprint list must contain fewer than ${MAX_THUMBPRINTS} entries.`);
  for (const t of thumbprints) {
    if (t.length !== 40) throw new InvalidInputError('Thumbprint must be exactly 40 characters.');
    if (!/^[0-9a-f]{40}$/i.test(t)) throw new InvalidInputError('Thumbprint must be a hexadecimal string.');
  }
  return [...thumbprints];
}

function checkProviderArn(arn: string): void {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('oidc-provider/')) throw new InvalidInputError(`ARN ${arn} is not valid.`);
}
