export type ChangeAction = 'created' | 'updated' | 'unchanged';
export type ResourceKind = 'cluster' | 'serviceAccount' | 'oidcProvider' | 'role' | 'podIdentityAssociation';

/** One declared resource and what applying it did; `details` names what an update changed. */
export interface Change {
  kind: ResourceKind;
  name: string;
  action: ChangeAction;
  details?: string[];
}

export interface ApplySummary {
  changes: Change[];
  created: number;
  updated: number;
  unchanged: number;
}

export function change(kind: ResourceKind, name: string, details: string[] | 'created'): Change {
  if (details === 'created') return { kind, name, action: 'created' };
  return details.length === 0 ? { kind, name, action: 'unchanged' } : { kind, name, action: 'updated', details };
}

export function summarize(changes: Change[]): ApplySummary {
  const count = (action: ChangeAction) => changes.filter((c) => c.action === action).length;
  return { changes, created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
}

/** Equality of JSON values regardless of key order: how policy documents are compared. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
