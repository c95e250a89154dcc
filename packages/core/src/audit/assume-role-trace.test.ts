import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsError } from '../errors.js';
import { assumeRoleForPodIdentity } from '../eks-auth/assume-role-for-pod-identity.js';
import { CLUSTER_ARN, POD, associate, podToken, putPodRole } from '../eks-auth/test-support.js';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from '../sts/assume-role.js';
import { ACCOUNT, StsFixture, identityPolicy, statement } from '../sts/test-support.js';
import type { StsContext, StsRequest } from '../sts/types.js';
import { DecisionDraft } from './decision-draft.js';
import type { TraceLine } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const A = `arn:aws:iam::${ACCOUNT}:role/a`;
const B = `arn:aws:iam::${ACCOUNT}:role/b`;
const SESSION_A = `arn:aws:sts::${ACCOUNT}:assumed-role/a/sa`;
const S0 = 'statement 0 (Allow)';

/** Runs AssumeRole into role b with a draft listening; answers the draft and the error (if any). */
function decide(request: StsRequest, roleArn = B): { draft: DecisionDraft; error: AwsError | undefined } {
  const draft = new DecisionDraft('sts', 'AssumeRole');
  const ctx: StsContext = { store: fx.store, deps: fx.deps, config: fx.config, audit: draft };
  try {
    assumeRole(ctx, request, { RoleArn: roleArn, RoleSessionName: 'sb' });
    return { draft, error: undefined };
  } catch (e) {
    return { draft, error: e as AwsError };
  }
}

/** Root assumes role a (trusting root) without anyone listening, and answers that session. */
function sessionOfA(): SessionRecord {
  fx.putRole('a', statement({ AWS: ROOT }, 'sts:AssumeRole'));
  const result = assumeRole(fx, fx.root(), { RoleArn: A, RoleSessionName: 'sa' });
  return fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;
}

const failed = (trace: readonly TraceLine[]) => trace.filter((line) => line.ok === false).map((line) => line.text);

describe('the decision trace of assumeRole', () => {
  it('records an allowed decision: the caller as a fact, then the trust policy, nothing failed', () => {
    fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
    const { draft, error } = decide(fx.root());
    expect(error).toBeUndefined();
    expect(draft.subject).toEqual({ caller: ROOT, cluster: null, namespace: null, serviceAccount: null, role: B });
    expect(draft.trace).toEqual([
      { ok: null, text: `caller ${ROOT}` },
      { ok: null, text: `trust policy of ${B}, actions sts:AssumeRole:` },
      { ok: true, text: `${S0}: action "sts:AssumeRole" matches Action ["sts:AssumeRole"]` },
      { ok: true, text: `${S0}: AWS ["${ROOT}"] of account ${ACCOUNT} matches Principal {"AWS":["${ROOT}"]}` },
      { ok: true, text: `${S0}: applies` },
      { ok: true, text: `decision: Allow by ${S0}` },
    ]);
  });

  it('rejects a caller the trust policy does not name', () => {
    fx.putRole('b', statement({ AWS: 'arn:aws:iam::444455556666:root' }, 'sts:AssumeRole'));
    const { draft, error } = decide(fx.root());
    expect(error?.code).toBe('AccessDenied');
    expect(failed(draft.trace)).toEqual([
      `${S0}: AWS ["${ROOT}"] of account ${ACCOUNT} does not match Principal {"AWS":["arn:aws:iam::444455556666:root"]}`,
      `${S0}: does not apply`,
      'decision: ImplicitDeny (no statement allows the request)',
    ]);
  });

  it('rejects a role that does not exist', () => {
    const { draft, error } = decide(fx.root());
    expect(error?.code).toBe('AccessDenied');
    expect(draft.trace).toEqual([{ ok: null, text: `caller ${ROOT}` }, { ok: false, text: `role ${B} does not exist` }]);
  });

  it('records nothing for an unsigned call: there is no caller to name', () => {
    const { draft, error } = decide(fx.anonymous());
    expect(error?.code).toBe('MissingAuthenticationToken');
    expect([draft.subject.caller, draft.trace]).toEqual([null, []]);
  });

  describe('from a role session', () => {
    it('rejects when the trust policy names only the account and the session has no identity policy allowing it', () => {
      const session = sessionOfA();
      fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      const { draft, error } = decide(fx.as(session));
      expect(error?.code).toBe('AccessDenied');
      expect(draft.subject).toEqual({ caller: SESSION_A, cluster: null, namespace: null, serviceAccount: null, role: B });
      // The trust policy allowed; the session's own (absent) policies did not.
      expect(draft.trace.slice(-2)).toEqual([
        { ok: null, text: `policies of the calling session ${SESSION_A} (trust granted to the account), action sts:AssumeRole:` },
        { ok: false, text: 'decision: ImplicitDeny (no statement allows the request)' },
      ]);
      expect(failed(draft.trace)).toEqual(['decision: ImplicitDeny (no statement allows the request)']);
    });

    it('rejects by an explicit Deny in the session role policies even when the trust policy names the session', () => {
      const session = sessionOfA();
      fx.putRole('b', statement({ AWS: SESSION_A }, 'sts:AssumeRole'));
      fx.store.policies.putInline(ACCOUNT, 'a', 'no', identityPolicy('sts:AssumeRole', '*', 'Deny'));
      const { draft, error } = decide(fx.as(session));
      expect(error?.message).toBe(`User: ${SESSION_A} is not authorized to perform: sts:AssumeRole on resource: ${B}`);
      expect(draft.trace.slice(-5)).toEqual([
        { ok: null, text: `policies of the calling session ${SESSION_A} (trust granted to the session), action sts:AssumeRole:` },
        { ok: null, text: 'statement 0 (Deny): action "sts:AssumeRole" matches Action ["sts:AssumeRole"]' },
        { ok: null, text: `statement 0 (Deny): resource "${B}" matches Resource ["*"]` },
        { ok: false, text: 'statement 0 (Deny): applies' },
        { ok: false, text: 'decision: ExplicitDeny by statement 0 (Deny)' },
      ]);
    });

    it('records no caller policies when they allow', () => {
      const session = sessionOfA();
      fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      fx.store.policies.putInline(ACCOUNT, 'a', 'hop', identityPolicy('sts:AssumeRole', B));
      const { draft, error } = decide(fx.as(session));
      expect(error).toBeUndefined();
      expect(draft.trace.filter((line) => line.text.startsWith('policies of'))).toEqual([]);
      expect(failed(draft.trace)).toEqual([]);
    });

    it('names the cluster, namespace and service account of a Pod Identity session from its tags', async () => {
      putPodRole(fx);
      associate(fx);
      const pod = await assumeRoleForPodIdentity(fx, { clusterName: 'c1', token: await podToken(fx) });
      const session = fx.store.sessions.open(pod.credentials.accessKeyId, pod.credentials.sessionToken) as SessionRecord;
      fx.putRole('b', statement({ AWS: session.roleArn }, ['sts:AssumeRole', 'sts:TagSession']));
      const { draft, error } = decide(fx.as(session));
      expect(error).toBeUndefined();
      expect(draft.subject).toEqual({ caller: session.arn, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: B });
      expect(draft.trace[0]).toEqual({
        ok: null,
        text: `caller ${session.arn} with session tags {"eks-cluster-arn":"${CLUSTER_ARN}","eks-cluster-name":"c1","kubernetes-namespace":"default","kubernetes-service-account":"app","kubernetes-pod-name":"${POD.name}","kubernetes-pod-uid":"${POD.uid}"}`,
      });
    });
  });
});
