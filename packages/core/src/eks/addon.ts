import type { AddonRecord } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { InvalidParameterError, ResourceNotFoundError } from './errors.js';

/*
 * Which add-ons eksid offers, decided from what eksctl does with them (eksctl-io/eksctl,
 * pkg/actions/podidentityassociation/migrator.go IsPodIdentityAgentInstalled: `create
 * podidentityassociation`, `create/update addon` and `utils migrate-to-pod-identity` call
 * DescribeAddon("eks-pod-identity-agent") and take ResourceNotFoundException as "not installed",
 * refusing to go on; pkg/actions/addon/create.go Manager.Create: DescribeAddon, then
 * DescribeAddonVersions for the cluster's version picking the version whose first
 * compatibility is defaultVersion, then CreateAddon, then the AddonActive waiter on DescribeAddon).
 * eksid is that agent's server side, so it offers that one add-on, ACTIVE the moment it is
 * created (as clusters are); any other name is refused as EKS refuses an add-on it does not
 * offer, rather than pretending to run software eksid does not emulate.
 */
export const POD_IDENTITY_AGENT = 'eks-pod-identity-agent';

/** Released versions of the agent add-on, newest first; the first is the default. */
export const AGENT_VERSIONS = ['v1.3.9-eksbuild.3', 'v1.3.8-eksbuild.2', 'v1.2.0-eksbuild.1'] as const;

/** "Addon version specified is not supported", as EKS words it (hashicorp/terraform-provider-aws#32238), for CreateAddon and UpdateAddon alike. */
export function requireAgentVersion(version: string): void {
  if (!(AGENT_VERSIONS as readonly string[]).includes(version)) throw new InvalidParameterError('Addon version specified is not supported');
}

/** The Kubernetes versions the agent add-on lists when no version is asked for (it needs 1.24 or later, EKS user guide pod-id-agent-setup). */
export const AGENT_CLUSTER_VERSIONS = ['1.34', '1.33', '1.32', '1.31', '1.30', '1.29', '1.28', '1.27', '1.26', '1.25', '1.24'];

/** The `Addon` shape (botocore eks/2017-11-01/service-2.json), members in model order. */
export interface Addon {
  addonName: string;
  clusterName: string;
  status: 'ACTIVE' | 'DELETING';
  addonVersion: string;
  health: { issues: unknown[] };
  addonArn: string;
  createdAt: number;
  modifiedAt: number;
  serviceAccountRoleArn?: string;
  tags: Record<string, string>;
  configurationValues?: string;
  podIdentityAssociations: string[];
}

/** arn:…:eks:REGION:ACCOUNT:addon/CLUSTER/NAME/UUID, the form real add-on ARNs take. */
export function addonArn(partition: string, region: string, account: string, clusterName: string, addonName: string, uuid: string): string {
  return `arn:${partition}:eks:${region}:${account}:addon/${clusterName}/${addonName}/${uuid}`;
}

export function addonView(r: AddonRecord, status: Addon['status'] = 'ACTIVE'): Addon {
  return {
    addonName: r.addonName,
    clusterName: r.clusterName,
    status,
    addonVersion: r.addonVersion,
    health: { issues: [] },
    addonArn: r.addonArn,
    createdAt: r.createdAt.getTime() / 1000,
    modifiedAt: r.modifiedAt.getTime() / 1000,
    ...(r.serviceAccountRoleArn === null ? {} : { serviceAccountRoleArn: r.serviceAccountRoleArn }),
    tags: r.tags,
    ...(r.configurationValues === null ? {} : { configurationValues: r.configurationValues }),
    podIdentityAssociations: [],
  };
}

/** EKS user guide, removing an add-on: "No addon: name-of-addon found in cluster: my-cluster". */
export function requireAddon(ctx: EksContext, clusterName: string, addonName: string): AddonRecord {
  const record = ctx.store.addons.get(ctx.config.accountId, clusterName, addonName);
  if (!record) throw new ResourceNotFoundError(`No addon: ${addonName} found in cluster: ${clusterName}`);
  return record;
}
