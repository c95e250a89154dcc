import { existsSync } from 'node:fs';
import { AuthenticationV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliMissing, awsJson, boto3Missing, isolatedAwsEnv, run, warnIfMissing, writeTokenFile } from './support/clients.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { createIrsaFixture } from './support/irsa-setup.js';
import type { IrsaFixture } from './support/irsa-setup.js';
import { kubeApiserverMissing, startKubeApiserver } from './support/kube-apiserver.js';
import type { KubeApiserver } from './support/kube-apiserver.js';
import { createPod, createServiceAccount, requestToken } from './support/kube-objects.js';
import { scratchDir } from './support/scratch.js';

// IRSA with tokens the real kube-apiserver signs: it runs with eksid's issuer and key (the flags
// of deploy/kind/cluster.yaml), tokens come from its TokenRequest API bound to real Pods, and the
// unmodified aws CLI and boto3 trade them for role credentials at eksid's STS.
const BOTO3_WHOAMI = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])";

/** Debian's faketime package (libfaketime), where the architecture's multiarch directory has it. */
const LIBFAKETIME = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/faketime/libfaketime.so.1`;

function libfaketimeMissing(): string | undefined {
  return existsSync(LIBFAKETIME) ? undefined : `${LIBFAKETIME} not found (Debian package faketime)`;
}

describe.skipIf(kubeApiserverMissing('kube-irsa'))('IRSA with tokens from a real kube-apiserver', () => {
  let eksid: EksidProcess;
  let kube: KubeApiserver;
  let core: CoreV1Api;
  let fixture: IrsaFixture;
  let appPod: V1Pod;
  let intruderPod: V1Pod;
  const dataDir = scratchDir('eksid-kube-irsa-');

  beforeAll(async () => {
    eksid = await startEksid({ dataDir });
    fixture = await createIrsaFixture(eksid.url, 'kube', 'kube-app', 'default', 'app');
    kube = await startKubeApiserver(eksid, 'kube');
    console.log(`[kube-irsa] kube-apiserver ready in ${(kube.startMs / 1000).toFixed(1)} s`);
    core = kube.kc.makeApiClient(CoreV1Api);
    await createServiceAccount(core, 'default', 'app', { 'eks.amazonaws.com/role-arn': fixture.roleArn });
    await createServiceAccount(core, 'default', 'intruder', { 'eks.amazonaws.com/role-arn': fixture.roleArn });
    appPod = await createPod(core, 'default', 'app', 'app');
    intruderPod = await createPod(core, 'default', 'intruder', 'intruder');
  });
  afterAll(async () => {
    await kube?.stop();
    await eksid?.stop();
  });

  const podEnv = (tokenFile: string) =>
    isolatedAwsEnv(eksid.url, { AWS_ROLE_ARN: fixture.roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_SESSION_NAME: 'kube-session' });

  it('should sign TokenRequest tokens as the eksid cluster, for the audience asked, bound to the pod', async () => {
    const claims = decodeJwt(await requestToken(core, appPod, 'sts.amazonaws.com'));
    expect(claims).toMatchObject({
      iss: fixture.issuer,
      aud: ['sts.amazonaws.com'],
      sub: 'system:serviceaccount:default:app',
      'kubernetes.io': { namespace: 'default', pod: { name: 'app', uid: appPod.metadata?.uid }, serviceaccount: { name: 'app' } },
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should let the aws CLI assume the role with the pod-bound token', async () => {
    const tokenFile = writeTokenFile(await requestToken(core, appPod, 'sts.amazonaws.com'));
    const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], podEnv(tokenFile));
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/kube-app/kube-session');
  });

  it.skipIf(warnIfMissing('boto3', boto3Missing))('should let boto3 assume the role with the pod-bound token', async () => {
    const tokenFile = writeTokenFile(await requestToken(core, appPod, 'sts.amazonaws.com'));
    const result = await run('python3', ['-c', BOTO3_WHOAMI], podEnv(tokenFile));
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('arn:aws:sts::000000000000:assumed-role/kube-app/kube-session');
  });

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))("should refuse another service account's token with AccessDenied", async () => {
    const tokenFile = writeTokenFile(await requestToken(core, intruderPod, 'sts.amazonaws.com'));
    const result = await run('aws', ['sts', 'get-caller-identity'], podEnv(tokenFile));
    expect(result.code).toBe(255);
    expect(result.stderr.trim()).toBe('An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should still accept a token whose Pod is gone, as STS does: only kube-apiserver knows the Pod', async () => {
    const pod = await createPod(core, 'default', 'short-lived', 'app');
    const token = await requestToken(core, pod, 'sts.amazonaws.com');
    // Never scheduled, the Pod goes at once; the API server then refuses the token it bound to it.
    await core.deleteNamespacedPod({ name: 'short-lived', namespace: 'default' });
    const review = await kube.kc.makeApiClient(AuthenticationV1Api).createTokenReview({ body: { spec: { token, audiences: ['sts.amazonaws.com'] } } });
    expect({ authenticated: review.status?.authenticated ?? false, error: review.status?.error }).toEqual({ authenticated: false, error: '[invalid bearer token, service account token has been invalidated]' });
    // STS checks the signature, issuer, audience and expiry (AWS cannot ask the cluster), so the token still works there.
    const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], podEnv(writeTokenFile(token)));
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/kube-app/kube-session');
  });

  // kube-apiserver mints no token shorter than 600 s (TokenRequest validation) and only on its
  // own clock, so an expired one cannot be asked for, and a test cannot wait ten minutes. The
  // closest real thing: the shortest token it mints, presented to an eksid whose clock runs
  // eleven minutes ahead (the same data and port, restarted under libfaketime), which is what
  // that token meets eleven minutes later. A 1 h token from the same server still passes there,
  // so the refusal is the expiry and nothing else of the restart.
  it.skipIf(warnIfMissing('aws CLI and libfaketime', awsCliMissing ?? libfaketimeMissing()))(
    'should refuse the shortest TokenRequest token once its 600 s have passed, with ExpiredTokenException',
    async () => {
      const short = await requestToken(core, appPod, 'sts.amazonaws.com', 600);
      const claims = decodeJwt(short);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
      const hour = await requestToken(core, appPod, 'sts.amazonaws.com', 3600);
      const port = Number(new URL(eksid.url).port);
      await eksid.stop();
      eksid = await startEksid({ dataDir, port, env: { LD_PRELOAD: LIBFAKETIME, FAKETIME: '+11m', FAKETIME_DONT_FAKE_MONOTONIC: '1' } });

      const expired = await run('aws', ['sts', 'get-caller-identity'], podEnv(writeTokenFile(short)));
      expect({ code: expired.code, stderr: expired.stderr.trim() }).toEqual({
        code: 255,
        stderr: expect.stringMatching(/^An error occurred \(ExpiredTokenException\) when calling the AssumeRoleWithWebIdentity operation: /),
      });
      const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], podEnv(writeTokenFile(hour)));
      expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/kube-app/kube-session');
    },
  );
});
