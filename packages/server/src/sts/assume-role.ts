import { assumeRole, optionalString } from '@eksid/core';
import type { AssumeRoleInput, AssumeRoleResult, QueryParams, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { recordDecision } from '../record-decision.js';
import { credentialsXml } from './assume-role-with-web-identity.js';
import { readCommonRoleParams, readTags } from './params.js';
import { RULES, Violations } from './validate.js';

/** Checks the request against botocore's AssumeRoleRequest shape. */
export function parseAssumeRoleInput(params: QueryParams): AssumeRoleInput {
  const v = new Violations();
  const common = readCommonRoleParams(params, v);
  const optional = (name: keyof AssumeRoleInput, member: string, rule: Parameters<Violations['string']>[2]) => {
    const value = optionalString(params, name);
    v.string(value, member, rule);
    return value === undefined ? {} : { [name]: value };
  };
  // AssumeRole's Policy is unrestrictedSessionPolicyDocumentType (no length cap in the model);
  // oversized policies fail on packed size instead.
  const fields = {
    ...optional('Policy', 'policy', RULES.unrestrictedSessionPolicy),
    ...optional('ExternalId', 'externalId', RULES.externalId),
    ...optional('SerialNumber', 'serialNumber', RULES.serialNumber),
    ...optional('TokenCode', 'tokenCode', RULES.tokenCode),
    ...optional('SourceIdentity', 'sourceIdentity', RULES.sourceIdentity),
  };
  const { Tags, TransitiveTagKeys } = readTags(params, v);
  v.throwIfAny();
  return {
    ...common,
    ...fields,
    ...(Tags.length === 0 ? {} : { Tags }),
    ...(TransitiveTagKeys.length === 0 ? {} : { TransitiveTagKeys }),
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
