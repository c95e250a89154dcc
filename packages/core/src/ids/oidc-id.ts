import type { Random } from '../deps.js';

/**
 * The id in an EKS cluster's issuer URL (https://oidc.eks.REGION.amazonaws.com/id/<ID>):
 * 32 upper-case hex characters, e.g. EXAMPLED539D4633E53DE1B71EXAMPLE in the EKS docs.
 */
export function newOidcId(random: Random): string {
  return random.bytes(16).toString('hex').toUpperCase();
}
