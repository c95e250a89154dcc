// @eksid/testcontainers: start eksid in a container from a test suite.
export { DEFAULT_EKSID_IMAGE, EKSID_PORT, EksidContainer, StartedEksidContainer } from './eksid-container.js';
export type { IrsaEnvRequest, PodIdentityEnvRequest, RootCredentials, TokenRequest } from './eksid-container.js';
export { IRSA_AUDIENCE, POD_IDENTITY_AUDIENCE } from '@eksid/agent';
