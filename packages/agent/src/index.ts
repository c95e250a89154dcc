export { startAgent } from './agent.js';
export type { RunningAgent } from './agent.js';
export { REAL_BIND_HOSTS } from './config.js';
export type { AgentConfig } from './config.js';
export { AgentBindError } from './errors.js';
