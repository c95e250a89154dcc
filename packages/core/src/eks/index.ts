export type { Cluster, ClusterSpec, ClusterStatus, EksContext, LogSetup, VpcConfig } from './cluster.js';
export { createCluster, insertCluster } from './create-cluster.js';
export { parseCreateClusterInput } from './parse-create-cluster.js';
export type { CreateClusterInput } from './parse-create-cluster.js';
export { describeCluster, requireCluster } from './describe-cluster.js';
export { deleteCluster } from './delete-cluster.js';
export { listClusters } from './list-clusters.js';
export { eksInput } from './input.js';
export type { ListClustersInput, ListClustersOutput } from './list-clusters.js';
export {
  BadRequestError,
  ClusterNotFoundError,
  InvalidParameterError,
  InvalidRequestError,
  NotFoundError,
  ResourceInUseError,
  ResourceNotFoundError,
  ServiceUnavailableError,
  clusterNotFound,
} from './errors.js';
export { putServiceAccount, serviceAccountNameProblem } from './service-accounts.js';
export type { PutServiceAccountInput, PutServiceAccountResult } from './service-accounts.js';
export { associationArn, podIdentityExternalId } from './pod-identity-association.js';
export type { PodIdentityAssociation, PodIdentityAssociationSummary } from './pod-identity-association.js';
export { ROLE_DOES_NOT_EXIST } from './association-rules.js';
export { parseCreatePodIdentityAssociationInput } from './parse-pod-identity-association.js';
export type {
  CreatePodIdentityAssociationInput,
  ListPodIdentityAssociationsInput,
  UpdatePodIdentityAssociationInput,
} from './parse-pod-identity-association.js';
export { createPodIdentityAssociation } from './create-pod-identity-association.js';
export {
  deletePodIdentityAssociation,
  describePodIdentityAssociation,
  listPodIdentityAssociations,
  updatePodIdentityAssociation,
} from './pod-identity-associations.js';
export type { ListPodIdentityAssociationsOutput } from './pod-identity-associations.js';
export { listTagsForResource, tagResource, untagResource } from './tag-resource.js';
export type { TagResourceInput, UntagResourceInput } from './tag-resource.js';
export type { Addon } from './addon.js';
export { createAddon, deleteAddon, describeAddon, describeAddonVersions, listAddons } from './addons.js';
export type { AddonInfo, ListAddonsOutput } from './addons.js';
export { parseCreateAddonInput, parseUpdateAddonInput } from './parse-addon.js';
export type { CreateAddonInput, DescribeAddonVersionsInput, DescribeUpdateInput, ListAddonsInput, ListUpdatesInput, UpdateAddonInput } from './parse-addon.js';
export type { Update } from './update.js';
export { updateAddon } from './update-addon.js';
export { describeUpdate, listUpdates } from './updates.js';
export type { ListUpdatesOutput } from './updates.js';
