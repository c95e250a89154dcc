export { createApp } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export type { ServerContext } from './context.js';
