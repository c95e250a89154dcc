import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { ResourceNotFoundError } from '../eks/errors.js';
import { AccessDeniedError } from '../sts/errors.js';
import { DecisionDraft, serviceAccountOfSubject, unverifiedSubject } from './decision-draft.js';

const T = new Date('2026-03-01T12:00:00Z');
const ROLE = 'arn:aws:iam::111122223333:role/app';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A token-shaped string whose payload is `payload`; header and signature are never read. */
const withPayload = (payload: unknown) => `${b64({ alg: 'RS256' })}.${b64(payload)}.c2ln`;

/** A draft that learnt a caller and a role and noted one step of each kind. */
function draftWithSteps(): DecisionDraft {
  const draft = new DecisionDraft('sts', 'AssumeRole');
  draft.about({ caller: 'arn:aws:iam::111122223333:root', role: ROLE }).fact('caller root').passed('trust allows').failed('session policy denies');
  draft.detail['sourceIp'] = '10.0.0.1';
  return draft;
}

const STEPS = [
  { ok: null, text: 'caller root' },
  { ok: true, text: 'trust allows' },
  { ok: false, text: 'session policy denies' },
];
const SUBJECT = { caller: 'arn:aws:iam::111122223333:root', cluster: null, namespace: null, serviceAccount: null, role: ROLE };

describe('DecisionDraft', () => {
  it('starts knowing nothing: every subject field null, no trace, no detail', () => {
    const draft = new DecisionDraft('eks-auth', 'AssumeRoleForPodIdentity');
    expect([draft.source, draft.action, draft.subject, draft.trace, draft.detail]).toEqual([
      'eks-auth',
      'AssumeRoleForPodIdentity',
      { caller: null, cluster: null, namespace: null, serviceAccount: null, role: null },
      [],
      {},
    ]);
  });

  it('leaves a known fact alone when told undefined, and clears it when told null', () => {
    const draft = new DecisionDraft('sts', 'AssumeRole').about({ cluster: 'c1', namespace: 'default' });
    draft.about({ cluster: undefined, namespace: null, serviceAccount: 'app' });
    expect(draft.subject).toEqual({ caller: null, cluster: 'c1', namespace: null, serviceAccount: 'app', role: null });
  });

  it('finishes an allowed decision with no error and the trace as noted', () => {
    expect(draftWithSteps().finish(T)).toEqual({
      time: T,
      source: 'sts',
      action: 'AssumeRole',
      outcome: 'allowed',
      ...SUBJECT,
      errorCode: null,
      errorMessage: null,
      trace: STEPS,
      detail: { sourceIp: '10.0.0.1' },
    });
  });

  it.each([
    ['an AccessDenied', new AccessDeniedError(`User: x is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`), 'AccessDenied', `User: x is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`],
    ['an EKS ResourceNotFound', new ResourceNotFoundError('No cluster found for name: nope.'), 'ResourceNotFoundException', 'No cluster found for name: nope.'],
    ['a bare AwsError', new AwsError('Throttling', 'Rate exceeded', 400), 'Throttling', 'Rate exceeded'],
  ])('finishes a decision denied by %s with its code, message and a final answered line', (_name, error, code, message) => {
    expect(draftWithSteps().finish(T, error)).toEqual({
      time: T,
      source: 'sts',
      action: 'AssumeRole',
      outcome: 'denied',
      ...SUBJECT,
      errorCode: code,
      errorMessage: message,
      trace: [...STEPS, { ok: false, text: `answered ${code}: ${message}` }],
      detail: { sourceIp: '10.0.0.1' },
    });
  });

  const INTERNAL = 'The request processing has failed because of an unknown error, exception or failure.';
  it.each([
    ['a plain Error (a bug, not an answer)', new Error('db is closed'), 'db is closed'],
    ['a TypeError', new TypeError('x is undefined'), 'x is undefined'],
    ['a thrown string', 'boom', 'boom'],
    ['a thrown null', null, 'null'],
  ])('records %s as the InternalFailure the client got, keeping what broke in the trace', (_name, error, broke) => {
    const finished = draftWithSteps().finish(T, error);
    expect([finished.outcome, finished.errorCode, finished.errorMessage]).toEqual(['denied', 'InternalFailure', INTERNAL]);
    expect(finished.trace.slice(-2)).toEqual([{ ok: false, text: `internal error: ${broke}` }, { ok: false, text: `answered InternalFailure: ${INTERNAL}` }]);
  });

  it('hands out copies: what is noted after finish does not change the finished record', () => {
    const draft = draftWithSteps();
    const finished = draft.finish(T, new AccessDeniedError('no'));
    draft.failed('later').about({ role: 'arn:aws:iam::111122223333:role/other' });
    draft.detail['late'] = true;
    expect([finished.trace.length, finished.role, finished.detail]).toEqual([4, ROLE, { sourceIp: '10.0.0.1' }]);
  });
});

describe('serviceAccountOfSubject', () => {
  it('reads the namespace and name of a Kubernetes service account subject', () => {
    expect(serviceAccountOfSubject('system:serviceaccount:kube-system:aws-node')).toEqual({ namespace: 'kube-system', serviceAccount: 'aws-node' });
  });

  it.each([
    ['an empty subject', ''],
    ['a node', 'system:node:ip-10-0-0-1'],
    ['a user', 'alice@example.com'],
    ['no name', 'system:serviceaccount:default'],
    ['an empty name', 'system:serviceaccount:default:'],
    ['an empty namespace', 'system:serviceaccount::app'],
    ['one part too many', 'system:serviceaccount:default:app:extra'],
    ['another prefix', 'system:serviceaccounts:default:app'],
    ['upper case', 'System:ServiceAccount:default:app'],
    ['an assumed-role ARN', 'arn:aws:sts::111122223333:assumed-role/a/s'],
  ])('answers undefined for %s', (_name, sub) => {
    expect(serviceAccountOfSubject(sub)).toBeUndefined();
  });
});

describe('unverifiedSubject', () => {
  it('reads a service account subject without checking the signature', () => {
    expect(unverifiedSubject(withPayload({ sub: 'system:serviceaccount:default:app' }))).toEqual({ caller: 'system:serviceaccount:default:app', namespace: 'default', serviceAccount: 'app' });
  });

  it('names only the caller when the subject is no service account', () => {
    expect(unverifiedSubject(withPayload({ sub: 'repo:org/app:ref:refs/heads/main' }))).toEqual({ caller: 'repo:org/app:ref:refs/heads/main' });
  });

  it('keeps a claimed sub longer than any service account name out of every field but a cut caller', () => {
    const sub = `system:serviceaccount:${'n'.repeat(300)}:${'s'.repeat(300)}`;
    const noted = unverifiedSubject(withPayload({ sub }));
    expect(noted).toEqual({ caller: `${sub.slice(0, 529)}…` });
  });

  it('reads a claimed sub of the longest Kubernetes names whole', () => {
    const sub = `system:serviceaccount:${'n'.repeat(253)}:${'s'.repeat(253)}`;
    expect(unverifiedSubject(withPayload({ sub }))).toEqual({ caller: sub, namespace: 'n'.repeat(253), serviceAccount: 's'.repeat(253) });
  });

  it.each([
    ['an empty string', ''],
    ['one part', 'not-a-jwt'],
    ['an empty payload', 'a..c'],
    ['a payload that is not base64url JSON', 'a.%%%%.c'],
    ['a payload of random bytes', `a.${Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('base64url')}.c`],
    ['a JSON null payload', withPayload(null)],
    ['a JSON number payload', withPayload(42)],
    ['a JSON string payload', withPayload('"sub"')],
    ['a JSON array payload', withPayload([{ sub: 'x' }])],
    ['no sub', withPayload({ iss: 'https://example.com' })],
    ['a numeric sub', withPayload({ sub: 7 })],
    ['an object sub', withPayload({ sub: { name: 'app' } })],
    ['a null sub', withPayload({ sub: null })],
  ])('answers nothing, without throwing, for %s', (_name, token) => {
    expect(unverifiedSubject(token)).toEqual({});
  });
});
