import { serviceAccountOfSubject } from '@eksid/core/audit-client';

/** Who a service-account token says it is, for the audit record only. */
export interface TokenSubject {
  sub: string | undefined;
  namespace: string | undefined;
  serviceAccount: string | undefined;
  pod: string | undefined;
  /** Seconds since the epoch. */
  exp: number | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The token's claims read WITHOUT verifying it, as the agent itself does (it leaves the
 * signature to EKS Auth): good for saying which pod asked, never for deciding anything.
 * Kubelet-projected tokens name the pod in `kubernetes.io.pod`; other tokens only have `sub`.
 * undefined when the token is not a JWT with a JSON payload.
 */
export function readTokenSubject(token: string): TokenSubject | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, exp, 'kubernetes.io': k8s } = claims as Record<string, unknown>;
  const kube = (typeof k8s === 'object' && k8s !== null ? k8s : {}) as { namespace?: unknown; serviceaccount?: { name?: unknown }; pod?: { name?: unknown } };
  const fromSub = typeof sub === 'string' ? serviceAccountOfSubject(sub) : undefined;
  return {
    sub: text(sub),
    namespace: text(kube.namespace) ?? fromSub?.namespace,
    serviceAccount: text(kube.serviceaccount?.name) ?? fromSub?.serviceAccount,
    pod: text(kube.pod?.name),
    exp: typeof exp === 'number' ? exp : undefined,
  };
}
