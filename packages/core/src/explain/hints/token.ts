import type { TraceLine } from '../../audit/types.js';
import { POD_IDENTITY_AUDIENCE } from '../../eks-auth/assume-role-for-pod-identity.js';
import { issuerHostPath } from '../../oidc/index.js';
import type { HintFacts } from './facts.js';

/*
 * Hints read from the failed token checks of a trace, in the words of jwt/verify.ts and
 * eks-auth/assume-role-for-pod-identity.ts (`token aud check: aud ["sts"] not in client ids
 * [...]`); hints.test.ts makes real decisions, so a change of wording there fails it.
 */

const IRSA_AUDIENCE = /^token aud check: aud (\[.*\]) not in client ids (\[.*\])$/;
const POD_AUDIENCE = /^token audience: aud (\[.*\]) not in expected audience/;
const NO_PROVIDER = /^token issuer check: no OIDC provider with url (\S+) in account \d+$/;
const POD_ISSUER = /^token issuer: iss "([^"]*)" is not (\S+)$/;
const URL_IN_TEXT = /https?:\/\/[^\s"]+/;

function strings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** (d) The token's audience is not a client id of the issuer's OIDC provider (or not EKS Auth's). */
function audienceHint(text: string, cluster: string | null, facts: HintFacts): string | undefined {
  const irsa = IRSA_AUDIENCE.exec(text);
  if (irsa) {
    const [aud] = strings(irsa[1] as string);
    const [clientId] = strings(irsa[2] as string);
    if (aud === undefined) return undefined;
    const issuer = cluster === null ? undefined : facts.issuerOf(cluster);
    const provider = issuer === undefined ? undefined : facts.providerOf(issuerHostPath(issuer));
    const add = provider === undefined
      ? `add ${JSON.stringify(aud)} to the client ids of the issuer's OIDC provider (aws iam add-client-id-to-open-id-connect-provider)`
      : `add ${JSON.stringify(aud)} to the client ids of ${provider.arn} (aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider.arn} --client-id ${aud})`;
    return clientId === undefined ? add : `${add}, or request the token for ${JSON.stringify(clientId)}`;
  }
  if (POD_AUDIENCE.test(text)) {
    return `EKS Auth takes only tokens for ${JSON.stringify(POD_IDENTITY_AUDIENCE)}: project the service account token with that audience (eksid token --audience ${POD_IDENTITY_AUDIENCE})`;
  }
  return undefined;
}

/** (e) The token is from a cluster this eksid does not have (deleted, recreated, another eksid's). */
function goneClusterHint(hostPath: string): string {
  return `no cluster has the issuer ${hostPath}: the token's cluster was deleted or recreated (a new cluster gets a new issuer) or another eksid minted it; mint a new token`;
}

function issuerHint(text: string, cluster: string | null, facts: HintFacts): string | undefined {
  const missing = NO_PROVIDER.exec(text)?.[1];
  if (missing !== undefined) {
    const owner = facts.clusterOfIssuer(missing);
    if (owner !== undefined) {
      return `cluster ${owner}'s issuer is not an IAM OIDC provider: register it (oidcProviders: - cluster: ${owner} in an eksid apply file, or aws iam create-open-id-connect-provider --url ${facts.issuerOf(owner) ?? missing} --client-id-list sts.amazonaws.com)`;
    }
    if (facts.isOwnIssuer(missing)) return goneClusterHint(missing);
    return `register ${missing} as an IAM OIDC provider (aws iam create-open-id-connect-provider --url https://${missing} --client-id-list sts.amazonaws.com)`;
  }
  const foreign = POD_ISSUER.exec(text);
  if (foreign && cluster !== null) {
    const owner = facts.clusterOfIssuer(issuerHostPath(foreign[1] as string));
    if (owner !== undefined && owner !== cluster) return `the token is cluster ${owner}'s, sent to EKS Auth for cluster ${cluster}: the node agent's --cluster must name the pod's cluster (${owner})`;
  }
  const url = URL_IN_TEXT.exec(text)?.[0];
  const hostPath = url === undefined ? undefined : issuerHostPath(url.replace(/\/\.well-known\/.*$|\/keys$/, ''));
  if (hostPath !== undefined && facts.isOwnIssuer(hostPath) && facts.clusterOfIssuer(hostPath) === undefined) return goneClusterHint(hostPath);
  return undefined;
}

/** Hints for the token checks that failed. */
export function tokenHints(trace: readonly TraceLine[], cluster: string | null, facts: HintFacts): string[] {
  const hints: string[] = [];
  for (const { ok, text } of trace) {
    if (ok !== false || !text.startsWith('token ')) continue;
    const hint = audienceHint(text, cluster, facts) ?? issuerHint(text, cluster, facts);
    if (hint !== undefined) hints.push(hint);
  }
  return hints;
}

/** (e) EKS Auth (or an agent) was asked about a cluster that does not exist. */
export function unknownClusterHints(cluster: string | null, facts: HintFacts): string[] {
  if (cluster === null || facts.issuerOf(cluster) !== undefined) return [];
  const known = facts.clusterNames();
  const has = known.length === 0 ? 'it has none' : `it has ${known.join(', ')}`;
  return [`there is no cluster ${JSON.stringify(cluster)} in account ${facts.accountId} (${has}): check the node agent's --cluster, or create the cluster (eksid apply, aws eks create-cluster --name ${cluster})`];
}
