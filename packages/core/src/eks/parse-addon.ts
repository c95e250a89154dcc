import { InvalidParameterError } from './errors.js';
import { constraintError, optionalString, optionalTagMap, requestFields, requiredString } from './fields.js';
import { checkReservedTagKeys } from './tags.js';

// Request shapes of the add-on operations (botocore eks/2017-11-01/service-2.json): the
// cluster and add-on names come from the path, the rest from the body or the query string.

export interface CreateAddonInput {
  clusterName: string;
  addonName: string;
  addonVersion?: string;
  serviceAccountRoleArn?: string;
  configurationValues?: string;
  tags?: Record<string, string>;
}

export interface PageInput {
  maxResults?: number;
  nextToken?: string;
}

export interface DescribeAddonVersionsInput extends PageInput {
  kubernetesVersion?: string;
  addonName?: string;
}

const RESOLVE_CONFLICTS = ['OVERWRITE', 'NONE', 'PRESERVE'];

export function parseCreateAddonInput(clusterName: string, body: unknown): CreateAddonInput {
  const fields = requestFields(body);
  const input: CreateAddonInput = { clusterName, addonName: requiredString(fields, 'addonName') };
  const addonVersion = optionalString(fields, 'addonVersion');
  const roleArn = optionalString(fields, 'serviceAccountRoleArn');
  const configurationValues = optionalString(fields, 'configurationValues');
  const resolveConflicts = optionalString(fields, 'resolveConflicts');
  if (resolveConflicts !== undefined && !RESOLVE_CONFLICTS.includes(resolveConflicts)) {
    throw constraintError('resolveConflicts', resolveConflicts, `Member must satisfy enum value set: [${RESOLVE_CONFLICTS.join(', ')}]`);
  }
  const tags = optionalTagMap(fields, 'tags');
  checkReservedTagKeys(tags, InvalidParameterError);
  if (addonVersion !== undefined) input.addonVersion = addonVersion;
  if (roleArn !== undefined) input.serviceAccountRoleArn = roleArn;
  if (configurationValues !== undefined) input.configurationValues = configurationValues;
  if (tags) input.tags = tags;
  return input;
}

/** One query member as a string: repeated members are not one value. */
export function queryString(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw constraintError(name, value, 'Member must be a string');
  return value;
}

/** maxResults (1–100 in every EKS list operation's model) and nextToken from a query string. */
export function parsePageInput(query: Readonly<Record<string, unknown>>): PageInput {
  const input: PageInput = {};
  const max = queryString(query, 'maxResults');
  const token = queryString(query, 'nextToken');
  if (max !== undefined) {
    if (!/^-?\d+$/.test(max)) throw constraintError('maxResults', max, 'Member must be an integer');
    const n = Number(max);
    if (n < 1) throw constraintError('maxResults', n, 'Member must have value greater than or equal to 1');
    if (n > 100) throw constraintError('maxResults', n, 'Member must have value less than or equal to 100');
    input.maxResults = n;
  }
  if (token !== undefined && token !== '') input.nextToken = token;
  return input;
}

export function parseDescribeAddonVersionsInput(query: Readonly<Record<string, unknown>>): DescribeAddonVersionsInput {
  const input: DescribeAddonVersionsInput = parsePageInput(query);
  const kubernetesVersion = queryString(query, 'kubernetesVersion');
  const addonName = queryString(query, 'addonName');
  if (kubernetesVersion !== undefined) input.kubernetesVersion = kubernetesVersion;
  if (addonName !== undefined) input.addonName = addonName;
  return input;
}
