// `@eksid/core/admin-token`: the admin token that guards eksid's own API, and how clients on
// the machine find it. A door of its own: the agent, the webhook and the CLI's clients use
// it without loading the SQLite store.
export { ADMIN_TOKEN_HEADER, ADMIN_TOKEN_SECRET, ADMIN_TOKEN_VARIABLE, adminTokenMatches, newAdminToken } from './admin-token.js';
export { discoveryDirs, findDiscovered, removeDiscovery, resolveAdminToken, writeDiscovery } from './discovery.js';
export type { DiscoveryEntry } from './discovery.js';
