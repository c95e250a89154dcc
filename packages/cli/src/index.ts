export { run } from './program.js';
export { processIo } from './io.js';
export type { Io } from './io.js';
export { startEksid } from './serve.js';
export type { RunningEksid, UpOptions } from './serve.js';
