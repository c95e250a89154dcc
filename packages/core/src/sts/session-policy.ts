import { deflateRawSync } from 'node:zlib';
import { MalformedPolicyDocumentError } from '../errors.js';
import { PolicySyntaxError, parsePolicyDocument } from '../policy/index.js';
import type { SessionContext } from '../store/index.js';
import { PackedPolicyTooLargeError } from './errors.js';
import type { StsSessionContext } from './types.js';

/**
 * An inline session policy must be a valid identity policy; STS answers MalformedPolicyDocument
 * with the parser's IAM wording otherwise (botocore sts model: AssumeRole* errors).
 */
export function checkSessionPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  try {
    parsePolicyDocument(policy, 'identity');
  } catch (e) {
    if (e instanceof PolicySyntaxError) throw new MalformedPolicyDocumentError(e.message);
    throw e;
  }
}

/**
 * AWS packs session policies, policy ARNs and session tags into an undocumented binary format
 * and reports its size as a percentage of an undocumented limit (PackedPolicySize; the request
 * fails above 100%). eksid approximates it: the raw-DEFLATE size of their compact text against
 * PACKED_LIMIT_BYTES. The number is indicative only; it exists so clients that read it and the
 * PackedPolicyTooLarge path behave as on AWS. Undefined when nothing was passed (AWS then
 * omits the field).
 */
export const PACKED_LIMIT_BYTES = 2048;

export interface PackedInputs {
  policy?: string | undefined;
  policyArns?: readonly string[] | undefined;
  tags?: Readonly<Record<string, string>> | undefined;
}

export function packedPolicySize(inputs: PackedInputs): number | undefined {
  const arns = inputs.policyArns ?? [];
  const tags = Object.entries(inputs.tags ?? {});
  if (inputs.policy === undefined && arns.length === 0 && tags.length === 0) return undefined;
  const compactPolicy = inputs.policy === undefined ? '' : JSON.stringify(JSON.parse(inputs.policy));
  const text = [compactPolicy, ...arns, ...tags.map(([k, v]) => `${k}=${v}`)].join('\n');
  const size = Math.ceil((deflateRawSync(Buffer.from(text, 'utf8')).length * 100) / PACKED_LIMIT_BYTES);
  if (size > 100) throw new PackedPolicyTooLargeError(`Packed size of ${subject(inputs, arns, tags)} consumes ${size}% of allotted space.`);
  return size;
}

// STS names what overflowed, e.g. "Packed size of session tags consumes 112% of allotted space."
// (as CloudTrail showed for EKS Pod Identity, aws/containers-roadmap#2413).
function subject(inputs: PackedInputs, arns: readonly string[], tags: readonly unknown[]): string {
  const policies = inputs.policy !== undefined || arns.length > 0;
  if (policies && tags.length > 0) return 'session policies and session tags';
  return policies ? 'session policies' : 'session tags';
}

/** The session policies to remember on the new session (see StsSessionContext). */
export function sessionPolicyContext(policy: string | undefined, policyArns: readonly string[] | undefined): StsSessionContext {
  const out: StsSessionContext = {};
  if (policy !== undefined) out.sessionPolicy = policy;
  if (policyArns !== undefined && policyArns.length > 0) out.sessionPolicyArns = [...policyArns];
  return out;
}

/** Reads the session policies back from a stored context (JSON from the store: checked, not trusted). */
export function sessionPoliciesOf(context: SessionContext): { policy: string | undefined; arns: string[] } {
  const { sessionPolicy, sessionPolicyArns } = context as Record<string, unknown>;
  return {
    policy: typeof sessionPolicy === 'string' ? sessionPolicy : undefined,
    arns: Array.isArray(sessionPolicyArns) ? sessionPolicyArns.filter((a): a is string => typeof a === 'string') : [],
  };
}
