import type { CoreConfig } from '../config.js';
import { clusterArn, oidcProviderArn } from '../ids/index.js';
import { issuerHostPath, issuerUrl } from '../oidc/index.js';

/**
 * The IRSA trust policy of the EKS user guide (associate-service-account-role.html): trust the
 * cluster's OIDC provider for AssumeRoleWithWebIdentity when the token's aud and sub name
 * this audience and service account. Condition keys are `<issuer host/path>:aud|sub`.
 */
export function irsaTrustPolicy(config: CoreConfig, oidcId: string, namespace: string, serviceAccount: string, audience: string): Record<string, unknown> {
  const provider = issuerHostPath(issuerUrl(config, oidcId));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn(config.partition, config.accountId, provider) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${provider}:aud`]: audience,
            [`${provider}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
          },
        },
      },
    ],
  };
}

/**
 * The EKS Pod Identity trust policy (EKS user guide, pod-id-role.html): the EKS Auth service
 * principal may AssumeRole and TagSession (it sets the kubernetes-* session tags). Given a
 * cluster, the confused-deputy conditions aws:SourceAccount / aws:SourceArn restrict it to
 * that cluster, as in the user guide's scoped example.
 */
export function podIdentityTrustPolicy(config: CoreConfig, clusterName?: string): Record<string, unknown> {
  const statement: Record<string, unknown> = {
    Sid: 'AllowEksAuthToAssumeRoleForPodIdentity',
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
  };
  if (clusterName !== undefined) {
    statement['Condition'] = {
      StringEquals: { 'aws:SourceAccount': config.accountId },
      ArnEquals: { 'aws:SourceArn': clusterArn(config.partition, config.region, config.accountId, clusterName) },
    };
  }
  return { Version: '2012-10-17', Statement: [statement] };
}
