export { createApp } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export type { ServerContext } from './context.js';
export { StartError, startEksidServer } from './start/index.js';
export type { EksidServerOptions, RunningEksidServer } from './start/index.js';
export { mintToken } from './eksid/token.js';
export { getServiceAccount } from './eksid/service-accounts.js';
