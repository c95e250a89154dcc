import { InvalidInputError, simulateCustomPolicy, simulatePrincipalPolicy } from '@eksid/core';
import type { ContextEntryInput, IamInputs, MatchedStatement, QueryParams, SimulationAnswer, SimulationInput, SimulationResult, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';

type SimulateRequest = IamInputs['SimulateCustomPolicy'] | IamInputs['SimulatePrincipalPolicy'];

/**
 * The members both operations share, read through the model (lengths, required lists, the
 * ContextKeyType enum). ResourcePolicy (with CallerArn and ResourceOwner) is refused: eksid
 * simulates identity-based policies only. ResourceOwner is checked as IAM checks it
 * ("'123456789012' is not a valid as a Resource Owner.", boto/botocore#1346: it wants an
 * account ARN arn:aws:iam::ACCOUNT:root). ResourceHandlingOption names EC2 scenarios and changes nothing here.
 */
function sharedInput(i: SimulateRequest): SimulationInput {
  if (i.ResourceOwner !== undefined && !/^arn:[^:]+:iam::\d{12}:root$/.test(i.ResourceOwner)) throw new InvalidInputError(`'${i.ResourceOwner}' is not a valid as a Resource Owner.`);
  if (i.ResourcePolicy !== undefined) throw new InvalidInputError('eksid simulates identity-based policies only; ResourcePolicy is not supported.');
  const contextEntries: ContextEntryInput[] = (i.ContextEntries ?? [])
    .filter((e) => e.ContextKeyName !== undefined && e.ContextKeyName !== '')
    .map((e) => ({ name: e.ContextKeyName ?? '', values: e.ContextKeyValues ?? [], type: e.ContextKeyType }));
  return {
    policyInputList: i.PolicyInputList ?? [],
    permissionsBoundaryPolicyInputList: i.PermissionsBoundaryPolicyInputList ?? [],
    actionNames: i.ActionNames,
    resourceArns: i.ResourceArns ?? [],
    contextEntries,
    ...pageOf(i),
  };
}

export function parseSimulateCustomPolicyInput(params: QueryParams): SimulationInput {
  return sharedInput(iamInput('SimulateCustomPolicy', params));
}

export function parseSimulatePrincipalPolicyInput(params: QueryParams): SimulationInput & { policySourceArn: string } {
  const i = iamInput('SimulatePrincipalPolicy', params);
  return { ...sharedInput(i), policySourceArn: i.PolicySourceArn };
}

const position = (p: { line: number; column: number }): XmlValue => ({ Line: p.line, Column: p.column });
const statementXml = (s: MatchedStatement): XmlValue => ({ SourcePolicyId: s.sourcePolicyId, SourcePolicyType: s.sourcePolicyType, StartPosition: position(s.start), EndPosition: position(s.end) });
const boundaryXml = (r: SimulationResult): XmlValue => (r.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: r.allowedByBoundary });

/**
 * SimulatePolicyResponse. With ResourceArns, each result also carries its ResourceSpecificResults
 * and the missing keys move there; EvalDecisionDetails is then present and empty, as IAM
 * answers for a same-account simulation with a resource ARN, and left out for "*"
 * (API_EvaluationResult.html).
 */
export function simulationXml(answer: SimulationAnswer): XmlValue {
  return {
    EvaluationResults: answer.items.map((r) => ({
      EvalActionName: r.action,
      EvalResourceName: r.resource,
      EvalDecision: r.decision,
      MatchedStatements: r.matchedStatements.map(statementXml),
      MissingContextValues: answer.perResource ? [] : [...r.missingContextValues],
      EvalDecisionDetails: answer.perResource ? {} : undefined,
      PermissionsBoundaryDecisionDetail: boundaryXml(r),
      ResourceSpecificResults: answer.perResource
        ? [{ EvalResourceName: r.resource, EvalResourceDecision: r.decision, MatchedStatements: r.matchedStatements.map(statementXml), MissingContextValues: [...r.missingContextValues], EvalDecisionDetails: {}, PermissionsBoundaryDecisionDetail: boundaryXml(r) }]
        : undefined,
    })),
    IsTruncated: answer.isTruncated,
    Marker: answer.marker,
  };
}

export const simulateActions: Record<string, QueryHandler> = {
  SimulateCustomPolicy: ({ params }) => simulationXml(simulateCustomPolicy(parseSimulateCustomPolicyInput(params))),
  SimulatePrincipalPolicy: ({ ctx, params, caller, sourceIp }) =>
    simulationXml(simulatePrincipalPolicy(ctx, parseSimulatePrincipalPolicyInput(params), { caller: caller.kind === 'session' ? caller.session : undefined, sourceIp })),
};
