import { PolicySyntaxError } from './errors.js';
import { isRecord, stringOrList } from './parse-values.js';
import type { PrincipalElement, PrincipalType } from './types.js';

const ACCOUNT_OR_ARN = /^(\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:.+)$/;
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(oidc-provider|saml-provider)\/.+$/;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/i;

const VALID: Readonly<Record<PrincipalType, (value: string) => boolean>> = {
  AWS: (v) => v === '*' || ACCOUNT_OR_ARN.test(v),
  // Web identity providers may be named by ARN or by their well-known host, e.g.
  // accounts.google.com, cognito-identity.amazonaws.com (id_roles_create_for-idp_oidc.html).
  Federated: (v) => v === '*' || PROVIDER_ARN.test(v) || HOST.test(v),
  Service: (v) => v === '*' || HOST.test(v),
  CanonicalUser: (v) => v === '*' || CANONICAL_USER.test(v),
};

const isPrincipalType = (key: string): key is PrincipalType => Object.hasOwn(VALID, key);

// IAM names the offending entry with the type upper-cased, e.g.
// `Invalid principal in policy: "SERVICE":"ec2.amazonaws"`.
const invalid = (type: string, value: unknown): PolicySyntaxError =>
  new PolicySyntaxError(`Invalid principal in policy: "${type.toUpperCase()}":${JSON.stringify(value)}`);

export function parsePrincipal(raw: unknown): PrincipalElement {
  if (raw === '*') return '*';
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    throw new PolicySyntaxError(`Invalid principal in policy: ${JSON.stringify(raw)}`);
  }
  const element: Partial<Record<PrincipalType, string[]>> = {};
  for (const [type, value] of Object.entries(raw)) {
    if (!isPrincipalType(type)) throw invalid(type, value);
    const values = stringOrList(value);
    const bad = values.find((v) => !VALID[type](v));
    if (bad !== undefined || values.length === 0) throw invalid(type, bad ?? value);
    element[type] = values;
  }
  return element;
}
