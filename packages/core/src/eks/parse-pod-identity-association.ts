import { constraintError, optionalBoolean, optionalString, optionalTagMap, requestFields, requiredString } from './fields.js';
import type { Fields } from './fields.js';
import { InvalidParameterError } from './errors.js';
import { checkReservedTagKeys } from './tags.js';

// Request shapes of the EKS model (botocore eks/2017-11-01/service-2.json): clusterName and
// associationId come from the path, the rest from the JSON body or (List) the query string.

export interface CreatePodIdentityAssociationInput {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  clientRequestToken?: string;
  tags?: Record<string, string>;
  disableSessionTags?: boolean;
  targetRoleArn?: string;
  policy?: string;
}

export interface UpdatePodIdentityAssociationInput {
  clusterName: string;
  associationId: string;
  roleArn?: string;
  clientRequestToken?: string;
  disableSessionTags?: boolean;
  /** An empty string removes the target role. */
  targetRoleArn?: string;
  policy?: string;
}

export interface ListPodIdentityAssociationsInput {
  clusterName: string;
  namespace?: string;
  serviceAccount?: string;
  maxResults?: number;
  nextToken?: string;
}

/** ListPodIdentityAssociationsMaxResults: integer 1–100. */
export const MAX_ASSOCIATION_RESULTS = 100;

interface Optionals {
  clientRequestToken?: string;
  disableSessionTags?: boolean;
  targetRoleArn?: string;
  policy?: string;
}

function optionals(fields: Fields): Optionals {
  const out: Optionals = {};
  const token = optionalString(fields, 'clientRequestToken');
  const disable = optionalBoolean(fields, 'disableSessionTags');
  const target = optionalString(fields, 'targetRoleArn');
  const policy = optionalString(fields, 'policy');
  if (token !== undefined) out.clientRequestToken = token;
  if (disable !== undefined) out.disableSessionTags = disable;
  if (target !== undefined) out.targetRoleArn = target;
  if (policy !== undefined) out.policy = policy;
  return out;
}

export function parseCreatePodIdentityAssociationInput(clusterName: string, body: unknown): CreatePodIdentityAssociationInput {
  const fields = requestFields(body);
  const input: CreatePodIdentityAssociationInput = {
    clusterName,
    namespace: requiredString(fields, 'namespace'),
    serviceAccount: requiredString(fields, 'serviceAccount'),
    roleArn: requiredString(fields, 'roleArn'),
    ...optionals(fields),
  };
  const tags = optionalTagMap(fields, 'tags');
  checkReservedTagKeys(tags, InvalidParameterError);
  if (tags) input.tags = tags;
  return input;
}

export function parseUpdatePodIdentityAssociationInput(clusterName: string, associationId: string, body: unknown): UpdatePodIdentityAssociationInput {
  const fields = requestFields(body);
  const input: UpdatePodIdentityAssociationInput = { clusterName, associationId, ...optionals(fields) };
  const roleArn = optionalString(fields, 'roleArn');
  if (roleArn !== undefined) input.roleArn = roleArn;
  return input;
}

export function parseListPodIdentityAssociationsInput(clusterName: string, query: Readonly<Record<string, unknown>>): ListPodIdentityAssociationsInput {
  const input: ListPodIdentityAssociationsInput = { clusterName };
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw constraintError(name, value, 'Member must be a string');
    return value;
  };
  const namespace = single('namespace');
  const serviceAccount = single('serviceAccount');
  const max = single('maxResults');
  const token = single('nextToken');
  if (namespace !== undefined) input.namespace = namespace;
  if (serviceAccount !== undefined) input.serviceAccount = serviceAccount;
  if (max !== undefined) {
    if (!/^-?\d+$/.test(max)) throw constraintError('maxResults', max, 'Member must be an integer');
    const n = Number(max);
    if (n < 1) throw constraintError('maxResults', n, 'Member must have value greater than or equal to 1');
    if (n > MAX_ASSOCIATION_RESULTS) throw constraintError('maxResults', n, `Member must have value less than or equal to ${MAX_ASSOCIATION_RESULTS}`);
    input.maxResults = n;
  }
  if (token !== undefined && token !== '') input.nextToken = token;
  return input;
}
