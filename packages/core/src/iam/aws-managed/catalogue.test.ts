import { describe, expect, it } from 'vitest';
import { catalogueFromData } from './catalogue.js';
import { isKnownAwsManagedPolicy } from './known.js';
import { AWS_MANAGED_POLICIES_SOURCE, awsManagedCatalogue } from './load.js';
import { AWS_MANAGED_POLICY_PATHS } from './policy-index.js';

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('catalogueFromData', () => {
  const catalogue = catalogueFromData({
    ZetaAccess: {
      arn: 'arn:aws:iam::aws:policy/service-role/ZetaAccess',
      latestVersionId: 'v10',
      versions: { v2: { createdDate: '2020-01-01T00:00:00.000Z', document: doc('s3:*') }, v10: { createdDate: '2021-01-01T00:00:00.000Z', document: doc('sqs:*') } },
      createdDate: '2019-01-01T00:00:00.000Z',
      lastUpdatedDate: '2021-01-01T00:00:00.000Z',
    },
    alphaAccess: {
      arn: 'arn:aws:iam::aws:policy/alphaAccess',
      latestVersionId: 'v1',
      versions: { v1: { createdDate: '2019-01-01T00:00:00.000Z', document: doc('ec2:*') } },
      createdDate: '2019-01-01T00:00:00.000Z',
      lastUpdatedDate: '2019-01-01T00:00:00.000Z',
    },
  });

  it('keys policies by ARN resource, with path, default version, dates and compact documents newest first', () => {
    const zeta = catalogue.get('policy/service-role/ZetaAccess');
    expect(zeta).toMatchObject({ name: 'ZetaAccess', path: '/service-role/', defaultVersionId: 'v10', createdAt: new Date('2019-01-01T00:00:00.000Z'), updatedAt: new Date('2021-01-01T00:00:00.000Z') });
    expect(zeta?.versions.map((v) => [v.versionId, v.document])).toEqual([
      ['v10', JSON.stringify(doc('sqs:*'))],
      ['v2', JSON.stringify(doc('s3:*'))],
    ]);
    expect(catalogue.get('policy/ZetaAccess')).toBeUndefined();
  });

  it('derives a stable ANPA PolicyId from the ARN', () => {
    const id = catalogue.get('policy/alphaAccess')?.policyId;
    expect(id).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(catalogueFromData({}).get('policy/alphaAccess')).toBeUndefined();
    expect(id).not.toBe(catalogue.get('policy/service-role/ZetaAccess')?.policyId);
  });

  it('lists by name without case', () => {
    expect(catalogue.list().map((p) => p.name)).toEqual(['alphaAccess', 'ZetaAccess']);
  });
});

describe('awsManagedCatalogue', () => {
  it(`holds the ${AWS_MANAGED_POLICIES_SOURCE.package} ${AWS_MANAGED_POLICIES_SOURCE.version} data, newest as of ${AWS_MANAGED_POLICIES_SOURCE.dataDate}`, () => {
    const all = awsManagedCatalogue().list();
    expect(all).toHaveLength(1594);
    const newest = all.reduce((max, p) => (p.updatedAt > max ? p.updatedAt : max), new Date(0));
    expect(newest.toISOString().slice(0, 10)).toBe(AWS_MANAGED_POLICIES_SOURCE.dataDate);
    expect(awsManagedCatalogue().get('policy/AmazonS3ReadOnlyAccess')).toMatchObject({ name: 'AmazonS3ReadOnlyAccess', path: '/', defaultVersionId: 'v3' });
  });
});

describe('the generated policy index (scripts/aws-managed-policy-index.mjs)', () => {
  it('names exactly the catalogue policies', () => {
    const indexed = AWS_MANAGED_POLICY_PATHS.split('\n').filter(Boolean).map((line) => `policy/${line}`);
    expect(indexed.sort()).toEqual(awsManagedCatalogue().list().map((p) => p.resource).sort());
    expect(indexed.every((resource) => isKnownAwsManagedPolicy(resource))).toBe(true);
    expect(isKnownAwsManagedPolicy('policy/TotallyMadeUp')).toBe(false);
  });
});
