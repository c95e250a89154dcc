import type { CoreConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { issuerUrl } from '../oidc/index.js';
import type { ClusterRecord, Store } from '../store/index.js';

/** What every EKS domain function needs; ServerContext satisfies it. */
export interface EksContext {
  store: Store;
  deps: Deps;
  config: CoreConfig;
}

export interface VpcConfig {
  subnetIds: string[];
  securityGroupIds: string[];
  clusterSecurityGroupId: string;
  vpcId: string;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
}

export interface LogSetup {
  types: string[];
  enabled: boolean;
}

/**
 * What eksid keeps in ClusterRecord.spec: everything of the `Cluster` shape that is not a
 * column (name, arn, createdAt, oidc id) and stays fixed after creation.
 */
export interface ClusterSpec {
  version: string;
  platformVersion: string;
  endpoint: string;
  roleArn?: string;
  resourcesVpcConfig: VpcConfig;
  kubernetesNetworkConfig: { serviceIpv4Cidr: string; ipFamily: string; elasticLoadBalancing: { enabled: boolean } };
  logging: { clusterLogging: LogSetup[] };
  certificateAuthority: { data: string };
  tags: Record<string, string>;
  accessConfig: { bootstrapClusterCreatorAdminPermissions: boolean; authenticationMode: string };
  upgradePolicy: { supportType: string };
  encryptionConfig?: unknown[];
  clientRequestToken?: string;
  /** idempotency.ts requestDigest of the create request: kept, never shown. */
  requestDigest?: string;
}

export type ClusterStatus = 'CREATING' | 'ACTIVE' | 'DELETING' | 'FAILED' | 'UPDATING' | 'PENDING';

/** The `Cluster` structure of the EKS API (botocore eks/2017-11-01/service-2.json), members in model order. */
export interface Cluster {
  name: string;
  arn: string;
  /** Epoch seconds: rest-json's default timestamp format, which the SDKs parse as such. */
  createdAt: number;
  version: string;
  endpoint: string;
  roleArn?: string;
  resourcesVpcConfig: VpcConfig;
  kubernetesNetworkConfig: ClusterSpec['kubernetesNetworkConfig'];
  logging: ClusterSpec['logging'];
  identity: { oidc: { issuer: string } };
  status: ClusterStatus;
  certificateAuthority: { data: string };
  clientRequestToken?: string;
  platformVersion: string;
  tags: Record<string, string>;
  encryptionConfig?: unknown[];
  health: { issues: unknown[] };
  accessConfig: ClusterSpec['accessConfig'];
  upgradePolicy: ClusterSpec['upgradePolicy'];
}

/**
 * The cluster as DescribeCluster shows it. eksid clusters are ready the moment they exist,
 * so they are ACTIVE (real ones sit in CREATING for ~10 minutes, which no local test wants).
 */
export function clusterView(record: ClusterRecord, config: CoreConfig, status: ClusterStatus = 'ACTIVE'): Cluster {
  const spec = record.spec as unknown as ClusterSpec;
  return {
    name: record.name,
    arn: record.arn,
    createdAt: record.createdAt.getTime() / 1000,
    version: spec.version,
    endpoint: spec.endpoint,
    ...(spec.roleArn === undefined ? {} : { roleArn: spec.roleArn }),
    resourcesVpcConfig: spec.resourcesVpcConfig,
    kubernetesNetworkConfig: spec.kubernetesNetworkConfig,
    logging: spec.logging,
    identity: { oidc: { issuer: issuerUrl(config, record.oidcId) } },
    status,
    certificateAuthority: spec.certificateAuthority,
    ...(spec.clientRequestToken === undefined ? {} : { clientRequestToken: spec.clientRequestToken }),
    platformVersion: spec.platformVersion,
    tags: spec.tags,
    ...(spec.encryptionConfig === undefined ? {} : { encryptionConfig: spec.encryptionConfig }),
    health: { issues: [] },
    accessConfig: spec.accessConfig,
    upgradePolicy: spec.upgradePolicy,
  };
}
