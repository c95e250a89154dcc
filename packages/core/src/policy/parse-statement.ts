import { PolicySyntaxError } from './errors.js';
import { parseConditions } from './parse-condition.js';
import { parsePrincipal } from './parse-principal.js';
import { isRecord, stringOrList, SYNTAX_ERRORS } from './parse-values.js';
import type { PatternList, PolicyKind, PolicyVersion, Statement } from './types.js';

const FIELDS: ReadonlySet<string> = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const VENDOR = /^[a-zA-Z0-9.-]+$/;
const SID = /^[0-9A-Za-z]*$/;

/** Action, NotAction, Resource, NotResource, Principal, NotPrincipal come in exclusive pairs. */
function pick(raw: Record<string, unknown>, name: string): { negated: boolean; value: unknown } | undefined {
  const plain = raw[name];
  const not = raw[`Not${name}`];
  if (plain !== undefined && not !== undefined) throw new PolicySyntaxError(SYNTAX_ERRORS);
  if (plain !== undefined) return { negated: false, value: plain };
  return not === undefined ? undefined : { negated: true, value: not };
}

// Messages as IAM's validator gives them for action names (CreatePolicy / PutRolePolicy).
function checkAction(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1) throw new PolicySyntaxError('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (parts.length > 2) throw new PolicySyntaxError('Actions/Condition can contain only one colon.');
  const vendor = parts[0] ?? '';
  if (vendor !== '*' && !VENDOR.test(vendor)) throw new PolicySyntaxError(`Vendor ${vendor} is not valid`);
}

function parseActions(raw: Record<string, unknown>, kind: PolicyKind): PatternList {
  const found = pick(raw, 'Action');
  const values = found === undefined ? [] : stringOrList(found.value);
  if (found === undefined || values.length === 0) {
    throw new PolicySyntaxError(kind === 'trust' ? 'Missing required field Action' : 'Policy statement must contain actions.');
  }
  values.forEach(checkAction);
  return { negated: found.negated, values };
}

function parseResources(raw: Record<string, unknown>, kind: PolicyKind): PatternList | undefined {
  const found = pick(raw, 'Resource');
  if (kind === 'trust') {
    // A trust policy's resource is the role itself (id_roles_terms-and-concepts.html).
    if (found !== undefined) throw new PolicySyntaxError(`Has prohibited field ${found.negated ? 'NotResource' : 'Resource'}`);
    return undefined;
  }
  const values = found === undefined ? [] : stringOrList(found.value);
  if (found === undefined || values.length === 0) throw new PolicySyntaxError('Policy statement must contain resources.');
  const bad = values.find((v) => v !== '*' && !v.includes(':'));
  if (bad !== undefined) throw new PolicySyntaxError(`Resource ${bad} must be in ARN format or "*".`);
  return { negated: found.negated, values };
}

function parsePrincipalClause(raw: Record<string, unknown>, kind: PolicyKind): Statement['principal'] {
  const found = pick(raw, 'Principal');
  if (kind === 'identity') {
    // Identity policies are attached to the principal, so naming one is an error.
    if (found !== undefined) throw new PolicySyntaxError('Policy document should not specify a principal.');
    return undefined;
  }
  if (found === undefined) throw new PolicySyntaxError('Missing required field Principal');
  return { negated: found.negated, element: parsePrincipal(found.value) };
}

function parseEffect(raw: unknown): Statement['effect'] {
  if (raw === undefined) throw new PolicySyntaxError('Missing required field Effect');
  if (raw === 'Allow' || raw === 'Deny') return raw;
  // IAM's first pass accepts any case, then its legacy parser refuses "allow".
  if (typeof raw === 'string' && ['allow', 'deny'].includes(raw.toLowerCase())) {
    throw new PolicySyntaxError('The policy failed legacy parsing');
  }
  throw new PolicySyntaxError(SYNTAX_ERRORS);
}

function parseSid(raw: unknown, kind: PolicyKind, version: PolicyVersion): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new PolicySyntaxError(SYNTAX_ERRORS);
  if (kind === 'identity' && version === '2012-10-17' && !SID.test(raw)) {
    throw new PolicySyntaxError('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
  }
  return raw;
}

export function parseStatement(raw: unknown, index: number, kind: PolicyKind, version: PolicyVersion): Statement {
  if (!isRecord(raw) || Object.keys(raw).some((field) => !FIELDS.has(field))) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const effect = parseEffect(raw.Effect);
  const principal = parsePrincipalClause(raw, kind);
  const resource = parseResources(raw, kind);
  const action = parseActions(raw, kind);
  const sid = parseSid(raw.Sid, kind, version);
  return { index, sid, effect, action, resource, principal, conditions: parseConditions(raw.Condition) };
}
