export { AssociationListError, listPodIdentityAssociations, pollEksidAssociations } from './eksid-associations.js';
export type { AssociationSourceOptions, PolledIdentities } from './eksid-associations.js';
export {
  ContainerCredentialsConfigError,
  parseContainerCredentialsConfig,
  watchContainerCredentialsConfig,
} from './file-config.js';
export type { WatchedIdentities } from './file-config.js';
export { anyIdentity, staticIdentities } from './types.js';
export type { AssociationFacts, Identity, PodIdentityLookup } from './types.js';
