import { SignatureDoesNotMatchError } from '../sts/errors.js';
import type { SigV4Claim } from './types.js';

/**
 * What an endpoint accepts in a signature's credential scope (`<date>/<region>/<service>/aws4_request`).
 * Several regions when one eksid stands in for endpoints AWS keeps apart: STS's global endpoint
 * (us-east-1) beside the regional one, IAM's us-east-1 beside the region SDKs sign with when given
 * a custom endpoint.
 */
export interface CredentialScope {
  service: string;
  regions: readonly string[];
  /**
   * IAM names the region it refused ("…valid region, not 'sa-east-1'. ", aws/aws-sdk-php#493, as
   * SQS and Elasticsearch do in aws/aws-sdk-ruby#508 and joona/aws-es-curl#15); STS does not.
   */
  namesWrongRegion?: boolean;
}

/**
 * AWS's complaint about a scope, or undefined when it holds. Each problem is one sentence ending
 * in ". " (trailing space included), region first, joined when both are wrong, as real STS
 * answers a GetCallerIdentity signed for the wrong region and/or service ("Credential should be
 * scoped to a valid region. Credential should be scoped to correct service: 'sts'. ") and as
 * DynamoDB lists them (mhart/dynalite validations).
 */
function credentialScopeProblem(claim: Pick<SigV4Claim, 'region' | 'service'>, scope: CredentialScope): string | undefined {
  let problem = '';
  if (!scope.regions.includes(claim.region)) {
    problem += scope.namesWrongRegion ? `Credential should be scoped to a valid region, not '${claim.region}'. ` : 'Credential should be scoped to a valid region. ';
  }
  if (claim.service !== scope.service) problem += `Credential should be scoped to correct service: '${scope.service}'. `;
  return problem === '' ? undefined : problem;
}

/** Throws SignatureDoesNotMatch (403) with AWS's message when `claim` is scoped elsewhere. */
export function checkCredentialScope(claim: Pick<SigV4Claim, 'region' | 'service'>, scope: CredentialScope): void {
  const problem = credentialScopeProblem(claim, scope);
  if (problem !== undefined) throw new SignatureDoesNotMatchError(problem);
}
