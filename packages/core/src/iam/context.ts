import type { CoreConfig } from '../config.js';
import type { Deps } from '../deps.js';
import type { Store } from '../store/index.js';

/** What every IAM domain function needs: the tables, time/randomness, and the fake account. */
export interface IamContext {
  store: Store;
  deps: Deps;
  config: CoreConfig;
}
