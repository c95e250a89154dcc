import type { Principal, PrincipalClause, PrincipalElement } from './types.js';

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** The account a policy value names as a whole (`"111122223333"` or its root ARN), if any. */
function accountNamedBy(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  return ACCOUNT_ROOT.exec(value)?.[1];
}

/** Does one policy value name this caller identity? Principals take no wildcards except a bare `*`. */
function valueNames(value: string, caller: Principal, identity: string): boolean {
  if (value === '*' || value === identity) return true;
  const account = accountNamedBy(value);
  return caller.type === 'AWS' && account !== undefined && account === caller.accountId;
}

function listedValues(element: PrincipalElement, caller: Principal): readonly string[] {
  return element === '*' ? ['*'] : (element[caller.type] ?? []);
}

/** Every identity the caller has, including, for AWS principals, its account (as the root ARN). */
function identitiesOf(caller: Principal): string[] {
  const account = caller.type !== 'AWS' || caller.accountId === undefined ? [] : [`arn:aws:iam::${caller.accountId}:root`];
  return [...caller.identifiers, ...account];
}

/**
 * Principal: the caller matches when any of its identities is listed. `"*"` matches everyone,
 * `{"AWS": "*"}` any AWS principal. NotPrincipal: the statement applies unless *every* identity of
 * the caller is listed, which is why AWS tells you to list the account, role and session ARNs
 * together (reference_policies_elements_notprincipal.html).
 */
export function principalClauseMatches(clause: PrincipalClause, caller: Principal | undefined): boolean {
  if (caller === undefined) return clause.negated ? true : clause.element === '*';
  const values = listedValues(clause.element, caller);
  const names = (identity: string): boolean => values.some((value) => valueNames(value, caller, identity));
  const identities = identitiesOf(caller);
  if (!clause.negated) return identities.some(names);
  return !(identities.length > 0 && identities.every(names));
}
