import { assumeRole, parseQueryInput, stsShapes } from '@eksid/core';
import type { AssumeRoleInput, AssumeRoleResult, QueryParams, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { recordDecision } from '../record-decision.js';
import { credentialsXml } from './assume-role-with-web-identity.js';
import { policyArnsOf } from './policy-arns.js';

/**
 * AssumeRoleRequest as STS's model states it. ProvidedContexts (trusted identity propagation)
 * is read and checked but not used: eksid has no context providers.
 */
export function parseAssumeRoleInput(params: QueryParams): AssumeRoleInput {
  const { PolicyArns, Tags, TransitiveTagKeys, ProvidedContexts: _unused, ...members } = parseQueryInput(stsShapes, 'AssumeRole', params);
  return {
    ...members,
    ...policyArnsOf(PolicyArns),
    ...(Tags === undefined || Tags.length === 0 ? {} : { Tags }),
    ...(TransitiveTagKeys === undefined || TransitiveTagKeys.length === 0 ? {} : { TransitiveTagKeys }),
  };
}

/** Element order as in the API reference's example response; SDKs read by name. */
export function renderAssumeRole(r: AssumeRoleResult): XmlValue {
  return {
    SourceIdentity: r.SourceIdentity,
    AssumedRoleUser: { Arn: r.AssumedRoleUser.Arn, AssumedRoleId: r.AssumedRoleUser.AssumedRoleId },
    Credentials: credentialsXml(r.Credentials),
    PackedPolicySize: r.PackedPolicySize,
  };
}

export const handleAssumeRole: QueryHandler = ({ ctx, params, caller, sourceIp }) =>
  recordDecision(ctx, 'sts', 'AssumeRole', sourceIp, (scoped, draft) => {
    const input = parseAssumeRoleInput(params);
    const result = assumeRole(scoped, { caller, sourceIp }, input);
    draft.detail['accessKeyId'] = result.Credentials.AccessKeyId;
    draft.detail['assumedRoleArn'] = result.AssumedRoleUser.Arn;
    return renderAssumeRole(result);
  });
