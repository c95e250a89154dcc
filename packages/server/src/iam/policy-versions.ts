import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from '@eksid/core';
import type { CreatePolicyVersionInput, ListPolicyVersionsInput, ManagedPolicyVersion, PolicyVersionInput, QueryParams, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { encodeDocument, pageXml } from './render.js';

/** GetPolicyVersion, SetDefaultPolicyVersion and DeletePolicyVersion take the same two members. */
export function parsePolicyVersionInput(operation: 'GetPolicyVersion' | 'SetDefaultPolicyVersion' | 'DeletePolicyVersion', params: QueryParams): PolicyVersionInput {
  const i = iamInput(operation, params);
  return { policyArn: i.PolicyArn, versionId: i.VersionId };
}

export function parseListPolicyVersionsInput(params: QueryParams): ListPolicyVersionsInput {
  const i = iamInput('ListPolicyVersions', params);
  return { policyArn: i.PolicyArn, ...pageOf(i) };
}

export function parseCreatePolicyVersionInput(params: QueryParams): CreatePolicyVersionInput {
  const i = iamInput('CreatePolicyVersion', params);
  return { policyArn: i.PolicyArn, policyDocument: i.PolicyDocument, setAsDefault: i.SetAsDefault };
}

/** The PolicyVersion shape; Document only in GetPolicyVersion, not CreatePolicyVersion or ListPolicyVersions (API_PolicyVersion.html). */
function versionXml(v: ManagedPolicyVersion, withDocument: boolean): XmlValue {
  return { Document: withDocument ? encodeDocument(v.document) : undefined, VersionId: v.versionId, IsDefaultVersion: v.isDefaultVersion, CreateDate: v.createdAt };
}

export const policyVersionActions: Record<string, QueryHandler> = {
  GetPolicyVersion: ({ ctx, params }) => ({ PolicyVersion: versionXml(getPolicyVersion(ctx, parsePolicyVersionInput('GetPolicyVersion', params)), true) }),
  ListPolicyVersions: ({ ctx, params }) => pageXml('Versions', listPolicyVersions(ctx, parseListPolicyVersionsInput(params)), (v) => versionXml(v, false)),
  CreatePolicyVersion: ({ ctx, params }) => ({ PolicyVersion: versionXml(createPolicyVersion(ctx, parseCreatePolicyVersionInput(params)), false) }),
  SetDefaultPolicyVersion: ({ ctx, params }) => void setDefaultPolicyVersion(ctx, parsePolicyVersionInput('SetDefaultPolicyVersion', params)),
  DeletePolicyVersion: ({ ctx, params }) => void deletePolicyVersion(ctx, parsePolicyVersionInput('DeletePolicyVersion', params)),
};
