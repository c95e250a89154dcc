export { DEFAULT_MUTATION_SETTINGS, MIN_TOKEN_EXPIRATION } from './constants.js';
export { resolvePodCredentials } from './credentials.js';
export type { CredentialMode, CredentialRequest, PodCredentials, ProjectedToken } from './credentials.js';
export { mutatePod } from './mutate-pod.js';
export type { PodMutation, PodMutationRequest } from './mutate-pod.js';
export type { Annotations } from './service-account.js';
export type {
  Container,
  ContainerCredentialsSettings,
  EnvVar,
  JsonPatchOp,
  MutationSettings,
  Pod,
  RandomInt,
} from './types.js';
