import { InvalidParameterError, MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, mintServiceAccountToken, serviceAccountNameProblem } from '@eksid/core';
import type { Deps, MintRequest } from '@eksid/core';
import type { ServerContext } from '../context.js';
import { bodyObject, optionalNames, requiredName } from './fields.js';
import type { Body } from './fields.js';

/** The IRSA webhook's defaults: audience sts.amazonaws.com, 86400 s (amazon-eks-pod-identity-webhook main.go flags). */
export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
export const DEFAULT_EXPIRATION_SECONDS = 86_400;

function expirationOf(body: Body): number {
  const value = body['expirationSeconds'] ?? DEFAULT_EXPIRATION_SECONDS;
  // kube-apiserver's TokenRequest bounds and wording (pkg/apis/authentication/validation).
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidParameterError(`expirationSeconds: Invalid value: ${JSON.stringify(value)}: must be an integer`);
  if (value < MIN_EXPIRATION_SECONDS) throw new InvalidParameterError(`expirationSeconds: Invalid value: ${value}: may not specify a duration less than 10 minutes`);
  if (value > MAX_EXPIRATION_SECONDS) throw new InvalidParameterError(`expirationSeconds: Invalid value: ${value}: may not specify a duration larger than 2^32 seconds`);
  return value;
}

/** `pod` is a name (a uid is made up, as for a fresh pod) or {name, uid}. */
function podOf(body: Body, deps: Deps): MintRequest['pod'] {
  const pod = body['pod'];
  if (pod === undefined || pod === null) return undefined;
  if (typeof pod === 'string' && pod !== '') return { name: pod, uid: deps.random.uuid() };
  if (typeof pod === 'object' && !Array.isArray(pod)) {
    const fields = pod as Body;
    const name = requiredName(fields, 'name');
    return { name, uid: typeof fields['uid'] === 'string' && fields['uid'] !== '' ? fields['uid'] : deps.random.uuid() };
  }
  throw new InvalidParameterError("'pod' must be a pod name or {name, uid}");
}

/** The body of POST /_eksid/token: {cluster, namespace, serviceAccount, audience?, expirationSeconds?, pod?}. */
export function parseTokenRequest(raw: unknown, deps: Deps): MintRequest {
  const body = bodyObject(raw);
  const request: MintRequest = {
    clusterName: requiredName(body, 'cluster'),
    namespace: requiredName(body, 'namespace'),
    serviceAccount: requiredName(body, 'serviceAccount'),
    audiences: optionalNames(body, 'audience') ?? optionalNames(body, 'audiences') ?? [DEFAULT_AUDIENCE],
    expirationSeconds: expirationOf(body),
  };
  // Kubernetes would never issue a token for a service account it cannot name.
  for (const [kind, value] of [['namespace', request.namespace], ['name', request.serviceAccount]] as const) {
    const problem = serviceAccountNameProblem(kind, value);
    if (problem) throw new InvalidParameterError(problem);
  }
  const pod = podOf(body, deps);
  if (pod) request.pod = pod;
  return request;
}

export async function mintToken(ctx: ServerContext, raw: unknown): Promise<{ token: string }> {
  return { token: await mintServiceAccountToken(ctx.store, ctx.deps, ctx.config, parseTokenRequest(raw, ctx.deps)) };
}
