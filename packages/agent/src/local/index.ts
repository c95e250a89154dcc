export { LocalAgents } from './local-agents.js';
export type { LocalAgent } from './local-agents.js';
export { IRSA_AUDIENCE, POD_IDENTITY_AUDIENCE, irsaEnvironment, podIdentityEnvironment, writeTokenFile } from './pod-env.js';
export type { RegionEnv } from './pod-env.js';
