import { describe, expect, it } from 'vitest';
import { checkCredentialScope } from './credential-scope.js';
import type { CredentialScope } from './credential-scope.js';

const STS: CredentialScope = { service: 'sts', regions: ['eu-west-1', 'us-east-1'] };
const IAM: CredentialScope = { service: 'iam', regions: ['us-east-1'], namesWrongRegion: true };

describe('checkCredentialScope', () => {
  it.each([
    ['the regional endpoint', { region: 'eu-west-1', service: 'sts' }],
    ['the global endpoint', { region: 'us-east-1', service: 'sts' }],
  ])('should accept a scope for %s', (_name, claim) => {
    expect(() => checkCredentialScope(claim, STS)).not.toThrow();
  });

  it.each([
    ['a wrong region', STS, { region: 'x', service: 'sts' }, 'Credential should be scoped to a valid region. '],
    ['a wrong service', STS, { region: 'eu-west-1', service: 's3' }, "Credential should be scoped to correct service: 'sts'. "],
    ['both wrong', STS, { region: 'x', service: 's3' }, "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'sts'. "],
    ['a wrong region for IAM', IAM, { region: 'sa-east-1', service: 'iam' }, "Credential should be scoped to a valid region, not 'sa-east-1'. "],
  ])('should answer SignatureDoesNotMatch with AWS message for %s', (_name, scope, claim, message) => {
    let thrown: unknown;
    try {
      checkCredentialScope(claim, scope);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403, message });
  });
});
