import type { ContextLookup } from './context.js';
import type { PatternList, PolicyVersion } from './types.js';
import { expandValue, tokensMatch } from './variables.js';

/**
 * Resource ARNs match case-sensitively with `*`/`?` wildcards, and take policy variables in
 * Version 2012-10-17 (reference_policies_elements_resource.html). A statement naming resources
 * cannot apply to a request without one.
 */
export function resourceClauseMatches(clause: PatternList, resource: string | undefined, lookup: ContextLookup, version: PolicyVersion): boolean {
  if (resource === undefined) return false;
  const listed = clause.values.some((pattern) => {
    const tokens = expandValue(pattern, { variables: version === '2012-10-17', wildcards: true }, lookup);
    return tokens !== undefined && tokensMatch(tokens, resource, false);
  });
  return listed !== clause.negated;
}
