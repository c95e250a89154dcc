export { Store } from './store.js';
export { openDatabase, migrate } from './database.js';
export type * from './types.js';
