export * from './errors.js';
export {
  assumeRoleForPodIdentity,
  DEFAULT_POD_IDENTITY_SESSION_SECONDS,
  POD_IDENTITY_AUDIENCE,
  POD_IDENTITY_SERVICE,
} from './assume-role-for-pod-identity.js';
export type { AssumeRoleForPodIdentityInput, AssumeRoleForPodIdentityOutput, PodIdentityOptions } from './assume-role-for-pod-identity.js';
export { parseAssumeRoleForPodIdentityInput } from './parse-input.js';
export { podIdentitySessionName, podIdentitySessionTags } from './session-tags.js';
export type { PodIdentity } from './session-tags.js';
