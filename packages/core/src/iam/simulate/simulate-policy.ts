import { parseArn } from '../../ids/index.js';
import type { ConditionContext, ContextValue } from '../../policy/index.js';
import type { SessionRecord } from '../../store/index.js';
import { environmentContext, sessionCallerContext } from '../../sts/request-context.js';
import type { StsContext } from '../../sts/types.js';
import { InvalidInputError, NoSuchEntityError } from '../errors.js';
import { paginate } from '../paginate.js';
import type { Page, PageRequest } from '../paginate.js';
import { simulate } from './simulate.js';
import { inputPolicy, roleBoundary, rolePolicies, sessionPolicies } from './sources.js';
import type { SimulationPolicies, SimulationResult } from './types.js';

/** ContextKeyTypeEnum (botocore iam/2010-05-08): the *List types are multivalued keys. */
export type ContextKeyType = 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList' | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';

export interface ContextEntryInput {
  name: string;
  values: string[];
  type: ContextKeyType | undefined;
}

/** The members SimulateCustomPolicy and SimulatePrincipalPolicy share, validated at the edge. */
export interface SimulationInput extends PageRequest {
  policyInputList: string[];
  permissionsBoundaryPolicyInputList: string[];
  actionNames: string[];
  /** Empty when not given: then every action is simulated on "*" alone. */
  resourceArns: string[];
  contextEntries: ContextEntryInput[];
}

export interface SimulatePrincipalPolicyInput extends SimulationInput {
  policySourceArn: string;
}

/** A page of results; `perResource` when ResourceArns was given, so each result also carries its ResourceSpecificResults. */
export interface SimulationAnswer extends Page<SimulationResult> {
  perResource: boolean;
}

/** ContextEntries as a condition context: a *List type or several values make a multivalued key. */
export function contextOf(entries: readonly ContextEntryInput[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const { name, values, type } of entries) {
    if (values.length === 0) continue;
    out[name] = type?.endsWith('List') || values.length > 1 ? values : (values[0] as string);
  }
  return out;
}

function boundaryOverride(input: SimulationInput): SimulationPolicies['boundary'] {
  const list = input.permissionsBoundaryPolicyInputList;
  // "You can input only one permissions boundary when you pass a policy to this operation" (API_SimulatePrincipalPolicy.html); the wording of the refusal is eksid's.
  if (list.length > 1) throw new InvalidInputError('Only one permissions boundary policy may be given in PermissionsBoundaryPolicyInputList.');
  return list.length === 1 ? inputPolicy('PermissionsBoundaryPolicyInputList', list[0] as string, 1) : undefined;
}

function answer(policies: SimulationPolicies, input: SimulationInput, context: ConditionContext): SimulationAnswer {
  const resources = input.resourceArns.length > 0 ? input.resourceArns : ['*'];
  const results = simulate(policies, input.actionNames, resources, context);
  // Results have no key of their own: the marker names a result by its place in the answer.
  const keyed = results.map((result, i) => ({ result, key: String(i).padStart(6, '0') }));
  const page = paginate(keyed, (r) => r.key, input);
  return { ...page, items: page.items.map((r) => r.result), perResource: input.resourceArns.length > 0 };
}

/** SimulateCustomPolicy: the given identity policies (and boundary), nothing read from the account. */
export function simulateCustomPolicy(input: SimulationInput): SimulationAnswer {
  const identity = input.policyInputList.map((text, i) => inputPolicy('PolicyInputList', text, i + 1));
  return answer({ identity, boundary: boundaryOverride(input), session: undefined }, input, contextOf(input.contextEntries));
}

/**
 * SimulatePrincipalPolicy on a role: its inline and attached managed policies plus
 * PolicyInputList, within its permissions boundary (PermissionsBoundaryPolicyInputList replaces
 * it: "the new permissions boundary policy is used for the simulation"). Only ContextEntries
 * feed conditions: IAM does not fill aws:PrincipalTag from the role's tags (boto/boto3#2084).
 *
 * IAM refuses an assumed-role ARN ("Invalid Entity Arn: arn:aws:sts::…:assumed-role/…",
 * newrelic/newrelic-lambda-cli#96). eksid accepts the caller's own session ARN when the call is
 * signed by that session: then its session policies bound the result and its caller keys
 * (aws:PrincipalTag/* from session tags and role tags, aws:PrincipalArn, …) are in the context,
 * under ContextEntries. eksid keeps no session by ARN, so another session's ARN is refused as IAM does.
 */
export function simulatePrincipalPolicy(ctx: StsContext, input: SimulatePrincipalPolicyInput, who: { caller: SessionRecord | undefined; sourceIp: string }): SimulationAnswer {
  const arn = input.policySourceArn;
  const parsed = parseArn(arn);
  const session = who.caller !== undefined && who.caller.arn === arn ? who.caller : undefined;
  const roleArn = session?.roleArn ?? arn;
  if (session === undefined && (parsed === undefined || parsed.service !== 'iam' || !/^(role|user|group)\//.test(parsed.resource))) {
    throw new InvalidInputError(`Invalid Entity Arn: ${arn}`);
  }
  const role = ctx.store.roles.byArn(roleArn);
  if (!role) {
    // IAM names a missing entity by type and name, as GetRole/GetUser/GetGroup do; eksid has no users or groups.
    const type = parsed?.resource.split('/')[0] ?? 'role';
    throw new NoSuchEntityError(`The ${type} with name ${roleArn.slice(roleArn.lastIndexOf('/') + 1)} cannot be found.`);
  }
  const policies: SimulationPolicies = {
    identity: [...rolePolicies(ctx, role), ...input.policyInputList.map((text, i) => inputPolicy('PolicyInputList', text, i + 1))],
    boundary: input.permissionsBoundaryPolicyInputList.length > 0 ? boundaryOverride(input) : roleBoundary(ctx, role),
    session: session === undefined ? undefined : sessionPolicies(ctx, session),
  };
  const base = session === undefined ? {} : { ...environmentContext(ctx, who.sourceIp), ...sessionCallerContext(ctx, session) };
  return answer(policies, input, { ...base, ...contextOf(input.contextEntries) });
}
