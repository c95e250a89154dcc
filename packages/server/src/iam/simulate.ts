import { InvalidInputError, ValidationError, simulateCustomPolicy, simulatePrincipalPolicy, stringList, structList, ARN, POLICY_DOCUMENT } from '@eksid/core';
import type { ContextEntryInput, ContextKeyType, MatchedStatement, QueryParams, SimulationAnswer, SimulationInput, SimulationResult, StringRule, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { page } from './rules.js';

// Member shapes of SimulatePrincipalPolicyRequest / SimulateCustomPolicyRequest (botocore iam/2010-05-08 service-2.json).
const ACTION_NAME: StringRule = { min: 3, max: 128 }; // ActionNameType
const RESOURCE_NAME: StringRule = { min: 1, max: 2048 }; // ResourceNameType
const RESOURCE_HANDLING: StringRule = { min: 1, max: 64 }; // ResourceHandlingOptionType
const CONTEXT_KEY_NAME: StringRule = { min: 5, max: 256 }; // ContextKeyNameType
const CONTEXT_KEY_TYPES: readonly ContextKeyType[] = ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'];

/** `ContextEntries.member.N.{ContextKeyName,ContextKeyType}` with `….ContextKeyValues.member.M`. */
function contextEntries(params: QueryParams): ContextEntryInput[] {
  const prefix = 'ContextEntries.member.';
  const indexes = [...new Set(Object.keys(params).filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length).split('.')[0])))].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  const named = structList(params, 'ContextEntries', ['ContextKeyName', 'ContextKeyType']);
  const failures: string[] = [];
  const entries = indexes.map((n, i) => {
    const raw = named[i] ?? {};
    const at = `contextEntries.${n}.member`;
    const name = raw['ContextKeyName'];
    const type = raw['ContextKeyType'];
    if (name !== undefined && (name.length < (CONTEXT_KEY_NAME.min ?? 0) || name.length > (CONTEXT_KEY_NAME.max ?? Infinity))) {
      failures.push(`Value '${name}' at '${at}.contextKeyName' failed to satisfy constraint: Member must have length ${name.length < 5 ? 'greater than or equal to 5' : 'less than or equal to 256'}`);
    }
    if (type !== undefined && !(CONTEXT_KEY_TYPES as readonly string[]).includes(type)) {
      failures.push(`Value '${type}' at '${at}.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [${CONTEXT_KEY_TYPES.join(', ')}]`);
    }
    return { name: name ?? '', values: stringList(params, `${prefix}${n}.ContextKeyValues`), type: type as ContextKeyType | undefined };
  });
  if (failures.length > 0) throw new ValidationError(`${failures.length} validation error${failures.length === 1 ? '' : 's'} detected: ${failures.join('; ')}`);
  return entries.filter((e) => e.name !== '');
}

/**
 * The members both operations share. ResourcePolicy (with CallerArn and ResourceOwner) is
 * refused: eksid simulates identity-based policies only. ResourceOwner is checked as IAM checks
 * it ("'123456789012' is not a valid as a Resource Owner.", boto/botocore#1346: it wants an
 * account ARN arn:aws:iam::ACCOUNT:root). ResourceHandlingOption names EC2 scenarios and changes nothing here.
 */
function parseShared(c: Constraints, params: QueryParams, policiesRequired: boolean): SimulationInput {
  const input: SimulationInput = {
    policyInputList: c.list('PolicyInputList', POLICY_DOCUMENT, { required: policiesRequired }),
    permissionsBoundaryPolicyInputList: c.list('PermissionsBoundaryPolicyInputList', POLICY_DOCUMENT),
    actionNames: c.list('ActionNames', ACTION_NAME, { required: true }),
    resourceArns: c.list('ResourceArns', RESOURCE_NAME),
    contextEntries: [],
    ...page(c),
  };
  const resourcePolicy = c.optional('ResourcePolicy', POLICY_DOCUMENT);
  const owner = c.optional('ResourceOwner', RESOURCE_NAME);
  c.optional('CallerArn', RESOURCE_NAME);
  c.optional('ResourceHandlingOption', RESOURCE_HANDLING);
  c.done();
  if (owner !== undefined && !/^arn:[^:]+:iam::\d{12}:root$/.test(owner)) throw new InvalidInputError(`'${owner}' is not a valid as a Resource Owner.`);
  if (resourcePolicy !== undefined) throw new InvalidInputError('eksid simulates identity-based policies only; ResourcePolicy is not supported.');
  return { ...input, contextEntries: contextEntries(params) };
}

export function parseSimulateCustomPolicyInput(params: QueryParams): SimulationInput {
  return parseShared(new Constraints(params), params, true);
}

export function parseSimulatePrincipalPolicyInput(params: QueryParams): SimulationInput & { policySourceArn: string } {
  const c = new Constraints(params);
  const policySourceArn = c.required('PolicySourceArn', ARN);
  return { ...parseShared(c, params, false), policySourceArn };
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
