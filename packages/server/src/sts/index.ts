import type { QueryService } from '../protocols/aws-query.js';
import { handleDecodeAuthorizationMessage, handleGetAccessKeyInfo } from './access-key-info.js';
import { handleAssumeRole } from './assume-role.js';
import { handleAssumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import { handleGetCallerIdentity } from './get-caller-identity.js';
import { handleGetSessionToken } from './get-session-token.js';

/** STS over awsQuery: SigV4 service name `sts`, the 2011-06-15 XML namespace. */
export const stsService: QueryService = {
  signingName: 'sts',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  actions: {
    AssumeRole: handleAssumeRole,
    AssumeRoleWithWebIdentity: handleAssumeRoleWithWebIdentity,
    GetCallerIdentity: handleGetCallerIdentity,
    GetSessionToken: handleGetSessionToken,
    GetAccessKeyInfo: handleGetAccessKeyInfo,
    DecodeAuthorizationMessage: handleDecodeAuthorizationMessage,
  },
  // One eksid is both STS's global endpoint (signed for us-east-1) and the regional one.
  scope: (region) => ({ service: 'sts', regions: [region, 'us-east-1'] }),
  // botocore sts/2011-06-15: AssumeRoleWithWebIdentity and AssumeRoleWithSAML are smithy.api#noAuth.
  unsignedActions: ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'],
};
