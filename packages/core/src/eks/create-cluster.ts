import type { Random } from '../deps.js';
import { clusterArn, newOidcId } from '../ids/index.js';
import { ensureClusterKey } from '../keys/index.js';
import type { ClusterRecord } from '../store/index.js';
import { clusterView } from './cluster.js';
import type { Cluster, ClusterSpec, EksContext } from './cluster.js';
import { ResourceInUseError } from './errors.js';
import { IdempotencyMismatchError, requestDigest } from './idempotency.js';
import type { CreateClusterInput } from './parse-create-cluster.js';

/** The version a cluster gets when CreateCluster names none (EKS picks its current default). */
const DEFAULT_KUBERNETES_VERSION = '1.31';

// EKS's defaults for the optional parts of CreateCluster: service CIDR 10.100.0.0/16 (or
// 172.20.0.0/16 when the VPC uses 10.x; EKS user guide, "Create cluster"), logging off for
// every log type, public endpoint open to 0.0.0.0/0, CONFIG_MAP authentication for API
// callers (service-2.json CreateAccessConfigRequest), extended support on.
const ALL_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

function hex(random: Random, chars: number): string {
  return random.bytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
}

/**
 * A stand-in for the cluster CA: base64 of a PEM-framed blob, shaped like real
 * certificate-authority data ("LS0tLS1CRUdJTi…") but not a parseable certificate; eksid
 * runs no Kubernetes API server for kubectl to trust.
 */
function placeholderCertificate(random: Random): string {
  const body = random.bytes(768).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`).toString('base64');
}

function specFor(ctx: EksContext, input: CreateClusterInput, oidcId: string): ClusterSpec {
  const { random } = ctx.deps;
  const vpc = input.resourcesVpcConfig ?? {};
  const spec: ClusterSpec = {
    version: input.version ?? DEFAULT_KUBERNETES_VERSION,
    platformVersion: 'eks.1',
    // Real API endpoints are https://<32 hex>.<zone id>.<region>.eks.amazonaws.com; the EKS
    // user guide shows the same id there as in the issuer's /id/<OIDC_ID>, so we reuse it.
    endpoint: `https://${oidcId}.gr7.${ctx.config.region}.eks.amazonaws.com`,
    resourcesVpcConfig: {
      subnetIds: vpc.subnetIds ?? [],
      securityGroupIds: vpc.securityGroupIds ?? [],
      clusterSecurityGroupId: `sg-${hex(random, 17)}`,
      vpcId: `vpc-${hex(random, 17)}`,
      endpointPublicAccess: vpc.endpointPublicAccess ?? true,
      endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
      publicAccessCidrs: vpc.publicAccessCidrs ?? ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: input.kubernetesNetworkConfig?.serviceIpv4Cidr ?? '10.100.0.0/16',
      ipFamily: input.kubernetesNetworkConfig?.ipFamily ?? 'ipv4',
      elasticLoadBalancing: { enabled: false },
    },
    logging: input.logging === undefined
      ? { clusterLogging: [{ types: ALL_LOG_TYPES, enabled: false }] }
      : { clusterLogging: (input.logging.clusterLogging ?? []).map((setup) => ({ types: setup.types ?? [], enabled: setup.enabled ?? false })) },
    certificateAuthority: { data: placeholderCertificate(random) },
    tags: input.tags ?? {},
    accessConfig: {
      bootstrapClusterCreatorAdminPermissions: input.accessConfig?.bootstrapClusterCreatorAdminPermissions ?? true,
      authenticationMode: input.accessConfig?.authenticationMode ?? 'CONFIG_MAP',
    },
    upgradePolicy: { supportType: input.upgradePolicy?.supportType ?? 'EXTENDED' },
  };
  if (input.roleArn !== undefined) spec.roleArn = input.roleArn;
  if (input.encryptionConfig !== undefined) spec.encryptionConfig = input.encryptionConfig;
  if (input.clientRequestToken !== undefined) {
    spec.clientRequestToken = input.clientRequestToken;
    spec.requestDigest = requestDigest(input);
  }
  return spec;
}

/**
 * Records the cluster with a fresh issuer id, synchronously, so callers can do it inside a
 * larger transaction (declarative apply). The signing key is made afterwards by
 * createCluster / ensureClusterKey, because generating it is asynchronous.
 */
export function insertCluster(ctx: EksContext, input: CreateClusterInput): ClusterRecord {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    // A retry carrying the same clientRequestToken (the SDKs fill it in) and parameters gets
    // the cluster its first attempt made; the token with other parameters is refused.
    if (input.clientRequestToken !== undefined) {
      const earlier = store.clusters.list(config.accountId).find((c) => (c.spec as unknown as ClusterSpec).clientRequestToken === input.clientRequestToken);
      if (earlier) {
        const digest = (earlier.spec as unknown as ClusterSpec).requestDigest;
        // Clusters kept before the digest was count as a retry when the name is the same.
        if (digest === undefined ? earlier.name !== input.name : digest !== requestDigest(input)) throw new IdempotencyMismatchError();
        return earlier;
      }
    }
    if (store.clusters.get(config.accountId, input.name)) throw new ResourceInUseError(`Cluster already exists with name: ${input.name}`);
    const oidcId = newOidcId(deps.random);
    const record: ClusterRecord = {
      accountId: config.accountId,
      name: input.name,
      arn: clusterArn(config.partition, config.region, config.accountId, input.name),
      oidcId,
      createdAt: deps.clock.now(),
      spec: specFor(ctx, input, oidcId) as unknown as Record<string, unknown>,
    };
    store.clusters.insert(record);
    return record;
  });
}

/** CreateCluster: the record plus its issuer signing key, ready to mint and verify tokens. */
export async function createCluster(ctx: EksContext, input: CreateClusterInput): Promise<Cluster> {
  const record = insertCluster(ctx, input);
  await ensureClusterKey(ctx.store, ctx.deps, record.name);
  return clusterView(record, ctx.config);
}
