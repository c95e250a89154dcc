import { PolicySyntaxError, parsePolicyDocument, parseStoredPolicy } from '../../policy/index.js';
import type { RoleRecord, SessionRecord } from '../../store/index.js';
import { sessionPoliciesOf } from '../../sts/session-policy.js';
import type { IamContext } from '../context.js';
import { InvalidInputError } from '../errors.js';
import { isAwsManagedPolicyArn, policyNameOfArn } from '../managed-arns.js';
import type { PolicySourceType, SimulationPolicy } from './types.js';

/**
 * A policy given as a string (PolicyInputList.N, PermissionsBoundaryPolicyInputList.N). IAM
 * answers InvalidInput for one that does not parse (the operations' only client error in
 * botocore's model besides NoSuchEntity); the message is IAM's policy-grammar wording, as
 * CreatePolicy gives it. Named as AWS names it: "PolicyInputList.1" (aws-cli's example
 * simulate-custom-policy.rst); no SourcePolicyType fits an input policy but "none".
 */
export function inputPolicy(member: string, text: string, n: number): SimulationPolicy {
  try {
    return { id: `${member}.${n}`, type: 'none', text, doc: parsePolicyDocument(text, 'identity') };
  } catch (e) {
    if (e instanceof PolicySyntaxError) throw new InvalidInputError(e.message);
    throw e;
  }
}

/** A stored document that no longer parses takes no part, as it grants nothing when sessions are authorized (caller-policies.ts). */
function stored(id: string, type: PolicySourceType, text: string | undefined): SimulationPolicy[] {
  if (text === undefined) return [];
  try {
    return [{ id, type, text, doc: parseStoredPolicy(text, 'identity') }];
  } catch {
    return [];
  }
}

/** A managed policy by ARN, named by its policy name and typed aws-managed or user-managed (PolicySourceType). */
export function managedPolicy(ctx: IamContext, arn: string): SimulationPolicy[] {
  return stored(policyNameOfArn(arn), isAwsManagedPolicyArn(ctx, arn) ? 'aws-managed' : 'user-managed', ctx.store.policies.getManaged(arn)?.document);
}

/** A role's inline policies (SourcePolicyType "role", named by policy name), then its attached managed ones: the documents eksid authorizes its sessions with. */
export function rolePolicies(ctx: IamContext, role: RoleRecord): SimulationPolicy[] {
  const { policies } = ctx.store;
  const inline = policies.listInline(role.accountId, role.name).flatMap((name) => stored(name, 'role', policies.getInline(role.accountId, role.name, name)?.document));
  return [...inline, ...policies.attachedToRole(role.accountId, role.name).flatMap((arn) => managedPolicy(ctx, arn))];
}

export function roleBoundary(ctx: IamContext, role: RoleRecord): SimulationPolicy | undefined {
  if (!role.permissionsBoundary) return undefined;
  // A boundary whose document is gone still bounds: to nothing (caller-policies.ts emptyPolicy).
  return managedPolicy(ctx, role.permissionsBoundary)[0] ?? { id: policyNameOfArn(role.permissionsBoundary), type: 'user-managed', text: '{"Statement":[]}', doc: { kind: 'identity', version: '2012-10-17', id: undefined, statements: [] } };
}

/** A session's inline session policy (named "SessionPolicy", type none: AWS has no name for it) and managed session policies. */
export function sessionPolicies(ctx: IamContext, session: SessionRecord): SimulationPolicy[] | undefined {
  const { policy, arns } = sessionPoliciesOf(session.context);
  if (policy === undefined && arns.length === 0) return undefined;
  return [...stored('SessionPolicy', 'none', policy), ...arns.flatMap((arn) => managedPolicy(ctx, arn))];
}
