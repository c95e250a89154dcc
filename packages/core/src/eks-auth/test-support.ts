/*
 * Test support for the EKS Auth tests: the STS fixture's cluster c1 (account 111122223333),
 * Pod Identity roles and associations, and pod-bound tokens as kubelet projects them
 * (aud pods.eks.amazonaws.com). Not exported from the package.
 */
import { createPodIdentityAssociation } from '../eks/index.js';
import type { CreatePodIdentityAssociationInput, PodIdentityAssociation } from '../eks/index.js';
import { mintServiceAccountToken } from '../jwt/index.js';
import type { RoleRecord } from '../store/index.js';
import { ACCOUNT, statement } from '../sts/test-support.js';
import type { RoleOptions, StsFixture } from '../sts/test-support.js';
import { POD_IDENTITY_AUDIENCE, POD_IDENTITY_SERVICE } from './assume-role-for-pod-identity.js';

export const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/c1`;
export const POD_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
export const POD = { name: 'app-7d4b9c-x2x8q', uid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' };

/** The EKS user guide's Pod Identity trust policy (pod-id-role), with optional conditions. */
export function podTrust(condition?: object, actions: string[] = ['sts:AssumeRole', 'sts:TagSession']): object {
  return statement({ Service: POD_IDENTITY_SERVICE }, actions, condition);
}

export function putPodRole(fx: StsFixture, trust: object = podTrust(), name = 'pod-role', options: RoleOptions = {}): RoleRecord {
  return fx.putRole(name, trust, options);
}

export function associate(fx: StsFixture, over: Partial<CreatePodIdentityAssociationInput> = {}): PodIdentityAssociation {
  return createPodIdentityAssociation(fx, { clusterName: 'c1', namespace: 'default', serviceAccount: 'app', roleArn: POD_ROLE_ARN, ...over });
}

export interface PodTokenOptions {
  namespace?: string;
  serviceAccount?: string;
  audiences?: string[];
  expirationSeconds?: number;
  pod?: { name: string; uid: string } | null;
  cluster?: string;
}

export function podToken(fx: StsFixture, options: PodTokenOptions = {}): Promise<string> {
  const pod = options.pod === null ? {} : { pod: options.pod ?? POD };
  return mintServiceAccountToken(fx.store, fx.deps, fx.config, {
    clusterName: options.cluster ?? fx.cluster,
    namespace: options.namespace ?? 'default',
    serviceAccount: options.serviceAccount ?? 'app',
    audiences: options.audiences ?? [POD_IDENTITY_AUDIENCE],
    expirationSeconds: options.expirationSeconds ?? 86400,
    ...pod,
  });
}
