// `@eksid/core/hosts`: Host header names and the allow-list every listener checks them
// against, without the rest of core (its main door opens the SQLite store, which the agent
// never uses).
export { bareHost, hostOfHostHeader, isLoopbackHost, isWildcardAddress, splitHostPort } from './host-header.js';
export { HostAllowList, normalizeAllowedHost } from './allow-list.js';
export type { HostAllowListOptions } from './allow-list.js';
