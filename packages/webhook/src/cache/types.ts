import type { Annotations } from '../mutate/index.js';

/** Where the handler gets a service account's annotations (upstream pkg/cache ServiceAccountCache). */
export interface ServiceAccountLookup {
  /** undefined when the service account does not exist or cannot be found in time. */
  get(namespace: string, name: string): Promise<Annotations | undefined>;
}
