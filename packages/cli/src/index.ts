// The `eksid` package's door: the embedding API (types in embed/api.ts). The command lives in
// main.ts; nothing imports it.
export { startEksid } from './embed/start-eksid.js';
export type { ApplyResult, Eksid, EksidConfig, IrsaEnvRequest, PodIdentityEnvRequest, StartEksidOptions, TokenRequest } from './embed/api.js';
