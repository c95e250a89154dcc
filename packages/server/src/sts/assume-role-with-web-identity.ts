import { assumeRoleWithWebIdentity, parseQueryInput, stsShapes } from '@eksid/core';
import type { AssumeRoleWithWebIdentityInput, AssumeRoleWithWebIdentityResult, QueryParams, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { recordDecision } from '../record-decision.js';
import { policyArnsOf } from './policy-arns.js';

/** AssumeRoleWithWebIdentityRequest as STS's model states it. */
export function parseAssumeRoleWithWebIdentityInput(params: QueryParams): AssumeRoleWithWebIdentityInput {
  const { PolicyArns, ...members } = parseQueryInput(stsShapes, 'AssumeRoleWithWebIdentity', params);
  return { ...members, ...policyArnsOf(PolicyArns) };
}

/** Element order as in the API reference's example response; SDKs read by name. */
export function renderAssumeRoleWithWebIdentity(r: AssumeRoleWithWebIdentityResult): XmlValue {
  return {
    SubjectFromWebIdentityToken: r.SubjectFromWebIdentityToken,
    Audience: r.Audience,
    AssumedRoleUser: { Arn: r.AssumedRoleUser.Arn, AssumedRoleId: r.AssumedRoleUser.AssumedRoleId },
    Credentials: credentialsXml(r.Credentials),
    SourceIdentity: r.SourceIdentity,
    Provider: r.Provider,
    PackedPolicySize: r.PackedPolicySize,
  };
}

export function credentialsXml(c: AssumeRoleWithWebIdentityResult['Credentials']): XmlValue {
  return { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration };
}

/** Unsigned by design: the token is the credential (API_AssumeRoleWithWebIdentity). */
export const handleAssumeRoleWithWebIdentity: QueryHandler = ({ ctx, params, sourceIp }) =>
  recordDecision(ctx, 'sts', 'AssumeRoleWithWebIdentity', sourceIp, async (scoped, draft) => {
    const input = parseAssumeRoleWithWebIdentityInput(params);
    const result = await assumeRoleWithWebIdentity(scoped, input, { sourceIp });
    draft.detail['accessKeyId'] = result.Credentials.AccessKeyId;
    draft.detail['assumedRoleArn'] = result.AssumedRoleUser.Arn;
    return renderAssumeRoleWithWebIdentity(result);
  });
