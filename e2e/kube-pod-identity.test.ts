import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { DecisionEventJson } from '@eksid/core';
import { CoreV1Api } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_KEYS, awsCliMissing, awsJson, isolatedAwsEnv, warnIfMissing, writeTokenFile } from './support/clients.js';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { REGION, rootCredentials } from './support/irsa-setup.js';
import { kubeApiserverMissing, startKubeApiserver } from './support/kube-apiserver.js';
import type { KubeApiserver } from './support/kube-apiserver.js';
import { createPod, createServiceAccount, requestToken } from './support/kube-objects.js';
import { waitForLine } from './support/processes.js';
import type { ReadyProcess } from './support/processes.js';

// EKS Pod Identity with tokens from the real TokenRequest API: a pods.eks.amazonaws.com token
// bound to a real Pod goes to `eksid agent`, which trades it at EKS Auth; the session's six tags
// carry what kube-apiserver put in the token's kubernetes.io claim, and IAM (--enforce-iam)
// decides on them. examples/demo.yaml associates default/pod-app with demo-pod-identity.
const ACCOUNT = '000000000000';
const POD_ROLE = `arn:aws:iam::${ACCOUNT}:role/demo-pod-identity`;
const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/demo`;

interface AgentCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
}

describe.skipIf(kubeApiserverMissing('kube-pod-identity'))('EKS Pod Identity with tokens from a real kube-apiserver', () => {
  let eksid: EksidProcess;
  let kube: KubeApiserver;
  let core: CoreV1Api;
  let agent: ReadyProcess;
  let agentUrl: string;
  let worker: V1Pod;
  let other: V1Pod;
  const clients: { destroy(): void }[] = [];

  /** What a pod's SDK does with AWS_CONTAINER_CREDENTIALS_FULL_URI and the token file. */
  async function credentialsFor(pod: V1Pod): Promise<STSClient> {
    const token = await requestToken(core, pod, 'pods.eks.amazonaws.com');
    const res = await fetch(agentUrl, { headers: { authorization: token } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as AgentCredentials;
    const sts = new STSClient({ endpoint: eksid.url, region: REGION, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token } });
    clients.push(sts);
    return sts;
  }

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml', args: ['--enforce-iam'] });
    kube = await startKubeApiserver(eksid, 'demo');
    core = kube.kc.makeApiClient(CoreV1Api);
    await createServiceAccount(core, 'default', 'pod-app');
    worker = await createPod(core, 'default', 'worker', 'pod-app');
    other = await createPod(core, 'default', 'other', 'pod-app');

    // ABAC both ways: the pod role may assume only the role named like its pod
    // (${aws:PrincipalTag/kubernetes-pod-name}), and that role trusts only the real worker
    // Pod's uid, which exists nowhere but in kube-apiserver's store and its tokens.
    const iam = new IAMClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials });
    clients.push(iam);
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'demo-pod-identity',
      PolicyName: 'abac',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: `arn:aws:iam::${ACCOUNT}:role/\${aws:PrincipalTag/kubernetes-pod-name}` }] }),
    }));
    await iam.send(new CreateRoleCommand({
      RoleName: 'worker',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: POD_ROLE }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringEquals: { 'aws:PrincipalTag/kubernetes-pod-uid': worker.metadata?.uid } } }],
      }),
    }));

    agent = await waitForLine(process.execPath, [CLI_ENTRY, 'agent', '--cluster', 'demo', '--endpoint', eksid.url], /eksid agent ready at (http:\/\/127\.0\.0\.1:\d+\/v1\/credentials)/, {
      env: { ...isolatedAwsEnv(eksid.url, ROOT_KEYS), EKSID_ADMIN_TOKEN: eksid.adminToken },
    });
    agentUrl = agent.match[1] as string;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await agent?.stop();
    await kube?.stop();
    await eksid?.stop();
  });

  it('should carry the real Pod in the token kube-apiserver signs for pods.eks.amazonaws.com', async () => {
    const claims = decodeJwt(await requestToken(core, worker, 'pods.eks.amazonaws.com'));
    expect(claims).toMatchObject({
      iss: kube.issuer,
      aud: ['pods.eks.amazonaws.com'],
      sub: 'system:serviceaccount:default:pod-app',
      'kubernetes.io': { namespace: 'default', pod: { name: 'worker', uid: worker.metadata?.uid }, serviceaccount: { name: 'pod-app' } },
    });
  });

  it('should give the pod the associated role through the agent, with a session named after the pod', async () => {
    const identity = await (await credentialsFor(worker)).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/demo-pod-identity/eks-demo-worker-[0-9a-f-]{36}$`));
  });

  it('should tag the session with the Pod\'s real name and uid, and let IAM decide on those tags', async () => {
    const sts = await credentialsFor(worker);
    const hop = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/worker`, RoleSessionName: 'hop' }));
    expect(hop.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/worker/hop`);
    const decision = await eventually(eksid, (e) => e.source === 'sts' && e.action === 'AssumeRole' && e.role === `arn:aws:iam::${ACCOUNT}:role/worker` && e.outcome === 'allowed');
    const tags = {
      'eks-cluster-arn': CLUSTER_ARN,
      'eks-cluster-name': 'demo',
      'kubernetes-namespace': 'default',
      'kubernetes-service-account': 'pod-app',
      'kubernetes-pod-name': 'worker',
      'kubernetes-pod-uid': worker.metadata?.uid,
    };
    expect(decision.trace[0]?.text).toMatch(new RegExp(`^caller arn:aws:sts::${ACCOUNT}:assumed-role/demo-pod-identity/eks-demo-worker-[0-9a-f-]{36} with session tags (.*)$`));
    expect(JSON.parse(/with session tags (.*)$/.exec(decision.trace[0]?.text ?? '')?.[1] ?? '{}')).toEqual(tags);
  });

  it('should refuse another Pod of the same service account, whose tags name that Pod', async () => {
    const sts = await credentialsFor(other);
    const refused = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/worker`, RoleSessionName: 'hop' })).then(
      () => undefined,
      (err: { name: string; message: string }) => ({ name: err.name, message: err.message }),
    );
    expect(refused?.name).toBe('AccessDenied');
    expect(refused?.message).toMatch(new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/demo-pod-identity/eks-demo-other-[0-9a-f-]{36} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/worker`));
  });

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))("should serve the aws CLI's container provider from the agent", async () => {
    const tokenFile = writeTokenFile(await requestToken(core, worker, 'pods.eks.amazonaws.com'));
    const env = isolatedAwsEnv(eksid.url, { AWS_CONTAINER_CREDENTIALS_FULL_URI: agentUrl, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], env);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/demo-pod-identity/eks-demo-worker-[0-9a-f-]{36}$`));
  });
});

async function eventually(server: EksidProcess, match: (e: DecisionEventJson) => boolean): Promise<DecisionEventJson> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${server.url}/_eksid/events?limit=1000`, { headers: server.adminHeaders });
    const found = ((await res.json()) as { events: DecisionEventJson[] }).events.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the decision never appeared in the audit trail');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
