import { describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { irsaTrustPolicy, podIdentityTrustPolicy } from './trust-policies.js';

const config = coreConfig({ accountId: '111122223333', region: 'eu-west-1', publicUrl: 'https://eksid.example/' });

describe('irsaTrustPolicy', () => {
  it('should trust the issuer provider for one service account and audience', () => {
    const host = 'eksid.example/id/ABC';
    expect(irsaTrustPolicy(config, 'ABC', 'ns', 'sa', 'sts.amazonaws.com')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com', [`${host}:sub`]: 'system:serviceaccount:ns:sa' } },
        },
      ],
    });
  });
});

describe('podIdentityTrustPolicy', () => {
  it('should let pods.eks.amazonaws.com assume and tag', () => {
    expect(podIdentityTrustPolicy(config).Statement).toEqual([
      { Sid: 'AllowEksAuthToAssumeRoleForPodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
  });

  it('should scope to one cluster with aws:SourceAccount and aws:SourceArn', () => {
    expect(podIdentityTrustPolicy(config, 'demo').Statement).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnEquals: { 'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/demo' },
        },
      }),
    ]);
  });
});
