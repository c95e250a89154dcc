export { startAgent } from './agent.js';
export type { RunningAgent } from './agent.js';
export { DEFAULT_PROBE_PORT, REAL_BIND_HOSTS } from './config.js';
export type { AgentConfig } from './config.js';
export { AgentBindError } from './errors.js';
export { IRSA_AUDIENCE, LocalAgents, POD_IDENTITY_AUDIENCE, irsaEnvironment, podIdentityEnvironment, writeTokenFile } from './local/index.js';
export type { LocalAgent, RegionEnv } from './local/index.js';
