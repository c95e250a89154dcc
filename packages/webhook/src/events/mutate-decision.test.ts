import { describe, expect, it } from 'vitest';
import { DEFAULT_MUTATION_SETTINGS } from '../mutate/index.js';
import type { Pod } from '../mutate/index.js';
import { mutateDecision } from './mutate-decision.js';
import { PodAdmission } from './pod-admission.js';
import type { PodAdmissionInput } from './pod-admission.js';

const context = { cluster: 'dev', settings: DEFAULT_MUTATION_SETTINGS };
const time = new Date('2026-03-01T12:00:00Z');
const ROLE = 'arn:aws:iam::000000000000:role/reader';

// draw 0: a Pod Identity token at the default lifetime gets the shortest jitter, 79200 s.
function admission(pod: Pod, overrides: Partial<PodAdmissionInput> = {}): PodAdmission {
  return new PodAdmission({ uid: 'u-1', pod, namespace: 'apps', serviceAccount: 'reader', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE }, association: undefined, draw: 0, ...overrides });
}

const texts = (admitted: PodAdmission) => mutateDecision(context, admitted, time).trace.map((line) => line.text);

describe('mutateDecision', () => {
  it('should name skipped containers, and say so when a container already had everything', () => {
    const pod: Pod = {
      metadata: { name: 'web', annotations: { 'eks.amazonaws.com/skip-containers': 'sidecar' } },
      spec: { containers: [{ name: 'sidecar' }, { name: 'app', env: [{ name: 'AWS_ROLE_ARN', value: 'x' }, { name: 'AWS_REGION', value: 'r' }, { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }] }] },
    };
    expect(texts(admission(pod))).toEqual([
      `IRSA: role ${ROLE} from annotation eks.amazonaws.com/role-arn of service account apps/reader`,
      'nothing injected into containers: each already sets the variables or is skipped; token volume aws-iam-token at /var/run/secrets/eks.amazonaws.com/serviceaccount/token (audience sts.amazonaws.com, 86400 s)',
      'containers [sidecar] skipped by annotation eks.amazonaws.com/skip-containers',
      'pod admitted with a JSON patch of 1 operation',
    ]);
  });

  it('should say when the association\'s source does not name it (upstream\'s identities file)', () => {
    const pod: Pod = { metadata: { name: 'web' }, spec: { containers: [{ name: 'app' }] } };
    const event = mutateDecision(context, admission(pod, { association: 'unnamed', serviceAccountAnnotations: undefined }), time);
    expect(event.role).toBeNull();
    expect(event.trace[0]?.text).toBe('Pod Identity: an association for apps/reader (its id and role are not known to the webhook\'s source)');
    expect(event.trace[1]?.text).toMatch(/^injected AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE into containers \[app\], with token volume eks-pod-identity-token .* and label eks\.amazonaws\.com\/pod-identity=enabled$/);
  });

  it('should tell an unknown service account from one without a role', () => {
    const pod: Pod = { spec: { containers: [{ name: 'app' }] } };
    expect(texts(admission(pod, { serviceAccountAnnotations: undefined }))).toEqual([
      'service account apps/reader is not known to the webhook (not found, or no Kubernetes API configured) and has no pod identity association: pod admitted unchanged',
    ]);
    expect(mutateDecision(context, admission(pod, { serviceAccountAnnotations: undefined }), time).caller).toBe('pod apps/(unnamed)');
  });

  it('should record a review without a pod as allowed and unchanged', () => {
    expect(mutateDecision(context, { passedThrough: { uid: 'u-2' } }, time)).toMatchObject({
      outcome: 'allowed', caller: null, cluster: 'dev', detail: { uid: 'u-2' },
      trace: [{ ok: null, text: 'the review is not a pod creation (another kind, DELETE or CONNECT): admitted unchanged' }],
    });
  });

  it('should record a refused request with the status text as its code', () => {
    expect(mutateDecision(context, { refused: { status: 415, message: 'Invalid Content-Type, expected `application/json`', reason: 'content_type' } }, time)).toMatchObject({
      outcome: 'denied', errorCode: 'Unsupported Media Type', errorMessage: 'Invalid Content-Type, expected `application/json`',
      trace: [
        { ok: false, text: 'the request\'s Content-Type is not application/json' },
        { ok: false, text: 'answered 415: Invalid Content-Type, expected `application/json`' },
      ],
    });
  });
});
