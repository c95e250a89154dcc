// @eksid/testcontainers: start eksid in a container from a test suite.
export { DEFAULT_EKSID_IMAGE, DEFAULT_NETWORK_ALIAS, EKSID_PORT, EksidContainer, StartedEksidContainer } from './eksid-container.js';
export type { IrsaEnvRequest, PodIdentityEnvRequest, RootCredentials, StartedEksidOptions, TokenRequest } from './eksid-container.js';
export { IRSA_AUDIENCE, POD_IDENTITY_AUDIENCE } from '@eksid/agent';
