import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from '@eksid/core';
import type { CreatePolicyVersionInput, ListPolicyVersionsInput, ManagedPolicyVersion, PolicyVersionInput, QueryParams, StringRule, XmlValue } from '@eksid/core';
import { ARN, POLICY_DOCUMENT } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { encodeDocument, pageXml } from './render.js';
import { page } from './rules.js';

/** policyVersionIdType (botocore iam/2010-05-08): v1, v2, … optionally with a .suffix. */
const VERSION_ID: StringRule = { pattern: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' };

/** GetPolicyVersion, SetDefaultPolicyVersion and DeletePolicyVersion take the same two members. */
export function parsePolicyVersionInput(params: QueryParams): PolicyVersionInput {
  const c = new Constraints(params);
  const input = { policyArn: c.required('PolicyArn', ARN), versionId: c.required('VersionId', VERSION_ID) };
  c.done();
  return input;
}

export function parseListPolicyVersionsInput(params: QueryParams): ListPolicyVersionsInput {
  const c = new Constraints(params);
  const input = { policyArn: c.required('PolicyArn', ARN), ...page(c) };
  c.done();
  return input;
}

export function parseCreatePolicyVersionInput(params: QueryParams): CreatePolicyVersionInput {
  const c = new Constraints(params);
  const input = { policyArn: c.required('PolicyArn', ARN), policyDocument: c.required('PolicyDocument', POLICY_DOCUMENT), setAsDefault: c.boolean('SetAsDefault') };
  c.done();
  return input;
}

/** The PolicyVersion shape; Document only in GetPolicyVersion, not CreatePolicyVersion or ListPolicyVersions (API_PolicyVersion.html). */
function versionXml(v: ManagedPolicyVersion, withDocument: boolean): XmlValue {
  return { Document: withDocument ? encodeDocument(v.document) : undefined, VersionId: v.versionId, IsDefaultVersion: v.isDefaultVersion, CreateDate: v.createdAt };
}

export const policyVersionActions: Record<string, QueryHandler> = {
  GetPolicyVersion: ({ ctx, params }) => ({ PolicyVersion: versionXml(getPolicyVersion(ctx, parsePolicyVersionInput(params)), true) }),
  ListPolicyVersions: ({ ctx, params }) => pageXml('Versions', listPolicyVersions(ctx, parseListPolicyVersionsInput(params)), (v) => versionXml(v, false)),
  CreatePolicyVersion: ({ ctx, params }) => ({ PolicyVersion: versionXml(createPolicyVersion(ctx, parseCreatePolicyVersionInput(params)), false) }),
  SetDefaultPolicyVersion: ({ ctx, params }) => void setDefaultPolicyVersion(ctx, parsePolicyVersionInput(params)),
  DeletePolicyVersion: ({ ctx, params }) => void deletePolicyVersion(ctx, parsePolicyVersionInput(params)),
};
