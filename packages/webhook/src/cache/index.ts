export { startServiceAccountInformer } from './informer.js';
export type { InformerOptions, ServiceAccountInformer } from './informer.js';
export { ServiceAccountCache } from './service-account-cache.js';
export type { FetchServiceAccount, ServiceAccountCacheOptions } from './service-account-cache.js';
export type { ServiceAccountLookup } from './types.js';
