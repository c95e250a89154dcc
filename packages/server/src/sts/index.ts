import type { QueryService } from '../protocols/aws-query.js';
import { handleAssumeRole } from './assume-role.js';
import { handleAssumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import { handleGetCallerIdentity } from './get-caller-identity.js';

/** STS over awsQuery: SigV4 service name `sts`, the 2011-06-15 XML namespace. */
export const stsService: QueryService = {
  signingName: 'sts',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  actions: {
    AssumeRole: handleAssumeRole,
    AssumeRoleWithWebIdentity: handleAssumeRoleWithWebIdentity,
    GetCallerIdentity: handleGetCallerIdentity,
  },
};
