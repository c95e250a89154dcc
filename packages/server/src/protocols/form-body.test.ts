import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formPairs } from './form-body.js';

const viaUrlSearchParams = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
};
const viaFormPairs = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  formPairs(text, out);
  return out;
};

describe('formPairs', () => {
  it.each([
    ['Action=AssumeRoleWithWebIdentity&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo-app'],
    ['a=1&a=2&&b&=c&d=&e=x=y'],
    ['k=a+b%2Bc&sp%20ace=%E2%9C%93'],
    ['bad=%zz&more=%E2%9C&ok=1'],
    ['lone=%ED%A0%80'],
    [''],
    ['&&&'],
    ['bom=%EF%BB%BFx'],
  ])('reads %j as URLSearchParams does', (text) => {
    expect(viaFormPairs(text)).toEqual(viaUrlSearchParams(text));
  });

  it('agrees with URLSearchParams on arbitrary bodies', () => {
    const piece = fc.stringMatching(/^[a-z0-9%+=&.\-_~]{0,12}$/);
    const escaped = fc.string({ unit: 'binary', maxLength: 8 }).map((s) => encodeURIComponent(s));
    fc.assert(fc.property(fc.array(fc.oneof(piece, escaped, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 8 }), (parts) => {
      const text = parts.join('');
      expect(viaFormPairs(text)).toEqual(viaUrlSearchParams(text));
    }), { numRuns: 2000 });
  });
});
