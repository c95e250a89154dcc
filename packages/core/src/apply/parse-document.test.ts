import { describe, expect, it } from 'vitest';
import { parseApplyDocument } from './parse-document.js';

describe('parseApplyDocument', () => {
  it('should fill defaults: namespace default, client id and audience sts.amazonaws.com', () => {
    expect(
      parseApplyDocument({
        clusters: [{ name: 'demo', serviceAccounts: [{ name: 'app' }] }],
        oidcProviders: [{ cluster: 'demo' }],
        roles: [{ name: 'r', trustPolicy: { irsa: { cluster: 'demo', serviceAccount: 'app' } } }],
      }),
    ).toEqual({
      clusters: [{ name: 'demo', serviceAccounts: [{ namespace: 'default', name: 'app', annotations: {} }] }],
      oidcProviders: [{ cluster: 'demo', clientIds: ['sts.amazonaws.com'] }],
      roles: [{ name: 'r', trustPolicy: { kind: 'irsa', cluster: 'demo', namespace: 'default', serviceAccount: 'app', audience: 'sts.amazonaws.com' } }],
    });
  });

  it('should take an empty document as declaring nothing', () => {
    expect(parseApplyDocument(null)).toEqual({ clusters: [], oidcProviders: [], roles: [] });
  });

  it('should keep an explicit trust policy document as given', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    expect(parseApplyDocument({ roles: [{ name: 'r', trustPolicy: document }] }).roles[0]?.trustPolicy).toEqual({ kind: 'document', document });
  });

  it.each([
    [[], '(document): expected an object, got a list'],
    [{ clusterz: [] }, 'clusterz: unknown field (expected one of: account, clusters, oidcProviders, roles, podIdentityAssociations)'],
    [{ account: 0 }, 'account: expected 12 digits as a string; quote it'],
    [{ account: '123' }, "account: expected 12 digits, got '123'"],
    [{ clusters: {} }, 'clusters: expected a list, got an object'],
    [{ clusters: [{ name: 'a', version: 1.3 }] }, 'clusters[0].version: expected a string; quote it, e.g. version: "1.3"'],
    [{ clusters: [{ name: 'a', serviceAccounts: [{ name: 'App' }] }] }, "clusters[0].serviceAccounts[0].name: 'App' is not a valid service account name"],
    [{ clusters: [{ name: 'a', serviceAccounts: [{ name: 'x', annotations: { n: 1 } }] }] }, 'clusters[0].serviceAccounts[0].annotations.n: expected a string, got number 1 (quote it in YAML)'],
    [{ roles: [{ name: 'a' }, { name: 'b', trustPolicy: 'irsa' }] }, 'roles[0].trustPolicy: is required'],
    [{ roles: [{ name: 'b', trustPolicy: 'irsa' }] }, 'roles[0].trustPolicy: expected an object, got string "irsa"'],
    [{ roles: [{ name: 'b', trustPolicy: { irsa: { cluster: 'c' } } }] }, 'roles[0].trustPolicy.irsa.serviceAccount: expected a string, got undefined'],
    [{ roles: [{ name: 'b', trustPolicy: { Version: '2012-10-17' } }] }, 'roles[0].trustPolicy: expected irsa: {...}, podIdentity: {...} or a policy document with a Statement'],
    [{ roles: [{ name: 'b', trustPolicy: { podIdentity: null }, policies: { inline: { p: [] } } }] }, 'roles[0].policies.inline.p: expected an object, got a list'],
    [{ roles: [{ name: 'b', trustPolicy: { podIdentity: {} }, policies: { managed: 'arn' } }] }, 'roles[0].policies.managed: expected a list, got string "arn"'],
    [{ roles: [{ name: 'has space', trustPolicy: { podIdentity: {} } }] }, "roles[0].name: 1 validation error detected: Value 'has space' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ roles: [{ name: 'r', path: 'x', trustPolicy: { podIdentity: {} } }] }, "roles[0].path: 1 validation error detected: Value 'x' at 'path'"],
    [{ roles: [{ name: `${'x'.repeat(64)} `, trustPolicy: { podIdentity: {} } }] }, `roles[0].name: 2 validation errors detected: Value '${'x'.repeat(64)} ' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '${'x'.repeat(64)} ' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`],
    [{ roles: [{ name: 'r', trustPolicy: { podIdentity: {} }, policies: { inline: { 'a b': {} } } }] }, "roles[0].policies.inline.a b: 1 validation error detected: Value 'a b' at 'policyName'"],
    [{ roles: [{ name: 'r', maxSessionDuration: 60, trustPolicy: { podIdentity: {} } }] }, "roles[0].maxSessionDuration: 1 validation error detected: Value 60 at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"],
    [{ clusters: [{ name: 'demo' }, { name: 'demo' }] }, "clusters[1].name: 'demo' is declared twice (first at clusters[0].name)"],
    [{ roles: [{ name: 'app', trustPolicy: { podIdentity: {} } }, { name: 'App', trustPolicy: { podIdentity: {} } }] }, "roles[1].name: 'app' is declared twice (first at roles[0].name)"],
    [{ clusters: [{ name: 'd', serviceAccounts: [{ name: 'a' }, { namespace: 'default', name: 'a' }] }] }, "clusters[0].serviceAccounts[1]: 'default/a' is declared twice"],
  ])('should point at the bad value in %j', (raw, message) => {
    expect(() => parseApplyDocument(raw)).toThrow(expect.objectContaining({ code: 'ValidationException', status: 400 }));
    expect(() => parseApplyDocument(raw)).toThrow(message);
  });
});
