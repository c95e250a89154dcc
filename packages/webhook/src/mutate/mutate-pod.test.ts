import { describe, expect, it } from 'vitest';
import { DEFAULT_MUTATION_SETTINGS } from './constants.js';
import { isWindowsPod, mutatePod, skippedContainers } from './mutate-pod.js';
import type { PodMutationRequest } from './mutate-pod.js';
import type { Pod } from './types.js';

const ROLE = 'arn:aws:iam::000000000000:role/reader';
const MOUNT = { name: 'aws-iam-token', readOnly: true, mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount' };
const ROLE_ENV = [
  { name: 'AWS_ROLE_ARN', value: ROLE },
  { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
];
const VOLUME = {
  name: 'aws-iam-token',
  projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] },
};

function patchFor(pod: Pod, overrides: Partial<PodMutationRequest> = {}): unknown {
  return mutatePod({
    pod,
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE },
    podIdentityAssociation: false,
    settings: DEFAULT_MUTATION_SETTINGS,
    randomInt: () => 0,
    ...overrides,
  })?.patch;
}

describe('mutatePod', () => {
  it('admits a pod unchanged when its service account has neither role nor association', () => {
    expect(patchFor({ spec: { containers: [{ name: 'app' }] } }, { serviceAccountAnnotations: undefined })).toBeUndefined();
  });

  it('creates env and volumeMounts arrays that are absent', () => {
    expect(patchFor({ spec: { containers: [{ name: 'app' }] } })).toEqual([
      { op: 'add', path: '/spec/volumes', value: [VOLUME] },
      { op: 'add', path: '/spec/containers/0/env', value: ROLE_ENV },
      { op: 'add', path: '/spec/containers/0/volumeMounts', value: [MOUNT] },
    ]);
  });

  it('appends to existing arrays and never rewrites a container (upstream #114/#165/#208)', () => {
    const pod: Pod = {
      spec: {
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [{
          name: 'app',
          env: [{ name: 'A', value: '1' }],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
          someFutureField: { keep: true },
        }],
      },
    };
    expect(patchFor(pod)).toEqual([
      { op: 'add', path: '/spec/volumes/0', value: VOLUME },
      { op: 'add', path: '/spec/containers/0/env/-', value: ROLE_ENV[0] },
      { op: 'add', path: '/spec/containers/0/env/-', value: ROLE_ENV[1] },
      { op: 'add', path: '/spec/containers/0/volumeMounts/-', value: MOUNT },
    ]);
  });

  it('treats null arrays as absent', () => {
    const pod: Pod = { spec: { volumes: null, containers: [{ name: 'app', env: null, volumeMounts: null }] } };
    expect(patchFor(pod)).toEqual([
      { op: 'add', path: '/spec/volumes', value: [VOLUME] },
      { op: 'add', path: '/spec/containers/0/env', value: ROLE_ENV },
      { op: 'add', path: '/spec/containers/0/volumeMounts', value: [MOUNT] },
    ]);
  });

  it('mutates init containers after containers, skipping names from skip-containers', () => {
    const pod: Pod = {
      metadata: { annotations: { 'eks.amazonaws.com/skip-containers': '"init,a",side' } },
      spec: {
        volumes: [{ name: 'aws-iam-token' }],
        containers: [{ name: 'side' }, { name: 'app', volumeMounts: [{ name: 'aws-iam-token', mountPath: '/x' }] }],
        initContainers: [{ name: 'init,a' }, { name: 'init-b', restartPolicy: 'Always' }],
      },
    };
    expect(patchFor(pod)).toEqual([
      { op: 'add', path: '/spec/containers/1/env', value: ROLE_ENV },
      { op: 'add', path: '/spec/initContainers/1/env', value: ROLE_ENV },
      { op: 'add', path: '/spec/initContainers/1/volumeMounts', value: [MOUNT] },
    ]);
  });

  it('leaves a container that defines credentials, region and STS completely alone', () => {
    const env = [
      { name: 'AWS_DEFAULT_REGION', value: 'x' },
      { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'legacy' },
      { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/t' },
    ];
    expect(patchFor({ spec: { volumes: [], containers: [{ name: 'app', env }] } })).toEqual([
      { op: 'add', path: '/spec/volumes/0', value: VOLUME },
    ]);
  });

  it('adds Pod Identity vars even when the container has IRSA vars', () => {
    const pod: Pod = { metadata: { labels: {} }, spec: { volumes: [{ name: 'eks-pod-identity-token' }], containers: [{ name: 'app', env: ROLE_ENV }] } };
    expect(patchFor(pod, { podIdentityAssociation: true })).toEqual([
      { op: 'add', path: '/metadata/labels/eks.amazonaws.com~1pod-identity', value: 'enabled' },
      { op: 'add', path: '/spec/containers/0/env/-', value: { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' } },
      { op: 'add', path: '/spec/containers/0/env/-', value: { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token' } },
      { op: 'add', path: '/spec/containers/0/volumeMounts', value: [{ name: 'eks-pod-identity-token', readOnly: true, mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount' }] },
    ]);
  });

  it('leaves the audience out of the projected token when it is empty', () => {
    const patch = patchFor({ spec: { containers: [] } }, {
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE, 'eks.amazonaws.com/audience': '' },
    });
    expect(patch).toEqual([{
      op: 'add',
      path: '/spec/volumes',
      value: [{ name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 86400, path: 'token' } }] } }],
    }]);
  });
});

describe('isWindowsPod', () => {
  it.each([
    [{ 'kubernetes.io/os': 'windows' }, true],
    [{ 'beta.kubernetes.io/os': 'windows' }, true],
    [{ 'kubernetes.io/os': 'Windows' }, false],
    [{ 'kubernetes.io/os': 'linux' }, false],
    [null, false],
  ])('reads nodeSelector %j as %j', (nodeSelector, expected) => {
    expect(isWindowsPod({ spec: { nodeSelector } })).toBe(expected);
  });
});

describe('skippedContainers', () => {
  it.each([
    ['a,b', ['a', 'b']],
    ['', []],
    ['bad"quote', []],
  ])('reads %j as %j', (value, expected) => {
    const pod: Pod = { metadata: { annotations: { 'eks.amazonaws.com/skip-containers': value } } };
    expect([...skippedContainers(pod, DEFAULT_MUTATION_SETTINGS)]).toEqual(expected);
  });
});
