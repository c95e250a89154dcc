import type { QueryService } from '../protocols/aws-query.js';
import { accountDetailActions } from './account-details.js';
import { attachmentActions } from './attachments.js';
import { authorizeIamCall } from './authorize.js';
import { instanceProfileActions } from './instance-profiles.js';
import { managedPolicyActions } from './managed-policies.js';
import { oidcProviderActions } from './oidc-providers.js';
import { permissionsBoundaryActions } from './permissions-boundaries.js';
import { policyTagActions } from './policy-tags.js';
import { policyVersionActions } from './policy-versions.js';
import { rolePolicyActions } from './role-policies.js';
import { roleUpdateActions } from './role-updates.js';
import { roleActions } from './roles.js';
import { simulateActions } from './simulate.js';

/**
 * IAM over awsQuery (POST / with Action=…), as botocore's iam/2010-05-08 model describes it.
 * Every caller may do everything, unless `--enforce-iam` has the caller's policies decide (authorize.ts).
 * Actions without output (`void deleteRole(…)`) return undefined, so the response carries no
 * <ActionResult> element, as IAM's does not.
 */
export const iamService: QueryService = {
  signingName: 'iam',
  namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  actions: {
    ...roleActions,
    ...roleUpdateActions,
    ...rolePolicyActions,
    ...managedPolicyActions,
    ...policyVersionActions,
    ...policyTagActions,
    ...attachmentActions,
    ...oidcProviderActions,
    ...simulateActions,
    ...instanceProfileActions,
    ...permissionsBoundaryActions,
    ...accountDetailActions,
  },
  // IAM is global and signed for us-east-1; SDKs given a custom endpoint sign for their own region instead.
  scope: (region) => ({ service: 'iam', regions: [region, 'us-east-1'], namesWrongRegion: true }),
  authorize: authorizeIamCall,
};
