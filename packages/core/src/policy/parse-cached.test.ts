import { describe, expect, it } from 'vitest';
import { PolicySyntaxError } from './errors.js';
import { parseStoredPolicy } from './parse-cached.js';

describe('parseStoredPolicy', () => {
  const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}';

  it('should return the same parsed document for the same text and kind', () => {
    const first = parseStoredPolicy(text, 'trust');
    expect(parseStoredPolicy(text, 'trust')).toBe(first);
    expect(first.statements).toHaveLength(1);
  });

  it('should keep kinds apart, so a trust policy is still refused as an identity policy', () => {
    parseStoredPolicy(text, 'trust');
    expect(() => parseStoredPolicy(text, 'identity')).toThrow(PolicySyntaxError);
  });
});
