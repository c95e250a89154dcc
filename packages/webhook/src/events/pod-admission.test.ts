import { describe, expect, it } from 'vitest';
import { DEFAULT_MUTATION_SETTINGS, mutatePod } from '../mutate/index.js';
import type { Pod } from '../mutate/index.js';
import { PodAdmission } from './pod-admission.js';
import type { PodAdmissionInput } from './pod-admission.js';

const ROLE = 'arn:aws:iam::000000000000:role/reader';
const pod: Pod = {
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'eks.amazonaws.com/skip-containers': 'sidecar' } },
  spec: { containers: [{ name: 'sidecar' }, { name: 'app', env: [{ name: 'AWS_REGION', value: 'eu-west-1' }] }], initContainers: [{ name: 'init' }] },
};
const base: Omit<PodAdmissionInput, 'draw'> = {
  uid: 'u-1', pod, namespace: 'apps', serviceAccount: 'reader', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE }, association: undefined,
};

describe('PodAdmission', () => {
  it.each([
    ['IRSA, which draws nothing', { ...base, draw: undefined }],
    ['Pod Identity, whose default lifetime is jittered', { ...base, association: { associationId: 'a-1', roleArn: undefined }, draw: 4321 }],
    ['an unchanged pod', { ...base, serviceAccountAnnotations: undefined, draw: undefined }],
  ] as [string, PodAdmissionInput][])('should replay the mutation the pod got (%s)', (_name, input) => {
    const draws: number[] = [];
    const answered = mutatePod({
      pod,
      serviceAccountAnnotations: input.serviceAccountAnnotations,
      podIdentityAssociation: input.association !== undefined,
      settings: DEFAULT_MUTATION_SETTINGS,
      randomInt: () => {
        draws.push(input.draw as number);
        return input.draw as number;
      },
    });
    expect(draws).toEqual(input.draw === undefined ? [] : [input.draw]);
    expect(new PodAdmission(input).mutation(DEFAULT_MUTATION_SETTINGS)).toEqual(answered);
  });

  it('should refuse to replay a draw it did not record', () => {
    const admission = new PodAdmission({ ...base, association: 'unnamed', draw: undefined });
    expect(() => admission.mutation(DEFAULT_MUTATION_SETTINGS)).toThrow(new TypeError('the replayed mutation drew a number the admission did not'));
  });
});
