import { describe, expect, it } from 'vitest';
import { sourceIdentityFromClaims, tagsFromClaims } from './session-tags.js';

const TAGS = 'https://aws.amazon.com/tags';

describe('tagsFromClaims', () => {
  it('reads principal_tags (one-element arrays) and transitive_tag_keys', () => {
    const claims = { [TAGS]: { principal_tags: { Project: ['Automation'], CostCenter: ['987654'] }, transitive_tag_keys: ['Project'] } };
    expect(tagsFromClaims(claims)).toEqual({ tags: [{ Key: 'Project', Value: 'Automation' }, { Key: 'CostCenter', Value: '987654' }], transitiveTagKeys: ['Project'] });
  });

  it('reads no tags from a token without the claim', () => {
    expect(tagsFromClaims({ sub: 'x' })).toEqual({ tags: [], transitiveTagKeys: [] });
  });

  it.each([
    ['a claim that is not an object', 'x'],
    ['a value with two entries', { principal_tags: { a: ['1', '2'] } }],
    ['a key with a forbidden character', { principal_tags: { 'a!': ['1'] } }],
    ['transitive keys that are not strings', { principal_tags: {}, transitive_tag_keys: [1] }],
  ])('rejects %s as InvalidIdentityToken', (_name, value) => {
    expect(() => tagsFromClaims({ [TAGS]: value })).toThrow(expect.objectContaining({ code: 'InvalidIdentityToken', status: 400 }));
  });
});

describe('sourceIdentityFromClaims', () => {
  it('reads https://aws.amazon.com/source_identity and rejects values STS would not accept', () => {
    expect(sourceIdentityFromClaims({ 'https://aws.amazon.com/source_identity': 'alice@example.com' })).toBe('alice@example.com');
    expect(sourceIdentityFromClaims({})).toBeUndefined();
    expect(() => sourceIdentityFromClaims({ 'https://aws.amazon.com/source_identity': 'aws:x' })).toThrow(expect.objectContaining({ code: 'InvalidIdentityToken' }));
  });
});
