import { describe, expect, it } from 'vitest';
import { contextLookup } from './context.js';
import type { ContextEntry } from './context.js';
import type { ConditionContext, ContextScalar } from './types.js';

/** The index contextLookup used to build up front: every key lower-cased, a later key winning. */
function eagerIndex(context: ConditionContext): (key: string) => ContextEntry | undefined {
  const entries = new Map<string, ContextEntry>();
  for (const [key, raw] of Object.entries(context)) {
    const multivalued = Array.isArray(raw);
    const values = multivalued ? (raw as readonly ContextScalar[]).map(String) : [String(raw as ContextScalar)];
    if (values.length > 0) entries.set(key.toLowerCase(), { values, multivalued });
  }
  return (key) => entries.get(key.toLowerCase());
}

const context: ConditionContext = {
  'aws:SourceArn': 'arn:aws:eks:us-east-1:000000000000:cluster/demo',
  'aws:sourcearn': 'later wins',
  'aws:TagKeys': ['eks-cluster-name', 'kubernetes-pod-name'],
  'aws:tagkeys': [],
  'aws:MultiFactorAuthPresent': true,
  'aws:EpochTime': 1796133636,
  'x:\u0130d': 'dotted capital I',
  'aws:RequestTag/kubernetes-pod-name': 'bench-pod',
};

describe('contextLookup', () => {
  it.each([
    'aws:SourceArn', 'AWS:SOURCEARN', 'aws:TagKeys', 'aws:tagkeys', 'aws:MultiFactorAuthPresent', 'aws:epochtime',
    'x:\u0130d', 'x:i\u0307d', 'X:\u0130D', 'aws:requesttag/KUBERNETES-POD-NAME', 'aws:SourceAccount', '', 'x:id',
  ])('should answer %j as indexing every key up front does', (key) => {
    expect(contextLookup(context)(key)).toEqual(eagerIndex(context)(key));
  });

  it('should let the later of two keys differing in case win, unless it has no values', () => {
    const lookup = contextLookup(context);
    expect(lookup('aws:SourceArn')).toEqual({ values: ['later wins'], multivalued: false });
    expect(lookup('aws:TagKeys')).toEqual({ values: ['eks-cluster-name', 'kubernetes-pod-name'], multivalued: true });
    expect(lookup('aws:tagKeys')).toBe(lookup('AWS:TAGKEYS'));
  });

  it('should read numbers and booleans as text and a missing key as undefined', () => {
    const lookup = contextLookup(context);
    expect(lookup('aws:MultiFactorAuthPresent')).toEqual({ values: ['true'], multivalued: false });
    expect(lookup('aws:EpochTime')).toEqual({ values: ['1796133636'], multivalued: false });
    expect(lookup('aws:SourceAccount')).toBeUndefined();
    expect(lookup('aws:SourceAccount')).toBeUndefined();
  });
});
