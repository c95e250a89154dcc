export { startEksidServer } from './start-eksid-server.js';
export type { EksidServerOptions, RunningEksidServer } from './start-eksid-server.js';
export { StartError } from './start-error.js';
