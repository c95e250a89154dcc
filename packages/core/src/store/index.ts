export { Store } from './store.js';
export { openDatabase, migrate } from './database.js';
export type * from './types.js';
export { DataDirInUseError } from './data-lock.js';
export type { DataDirLock, LockHolder } from './data-lock.js';
