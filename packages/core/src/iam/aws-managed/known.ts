import { AWS_MANAGED_POLICY_PATHS } from './policy-index.js';

let known: Set<string> | undefined;

/**
 * Whether AWS has the managed policy at `policy/<path><name>` (an ARN's resource part), from the
 * generated index: answers without reading the catalogue's documents (load.ts).
 */
export function isKnownAwsManagedPolicy(resource: string): boolean {
  known ??= new Set(AWS_MANAGED_POLICY_PATHS.split('\n').filter(Boolean).map((line) => `policy/${line}`));
  return known.has(resource);
}
