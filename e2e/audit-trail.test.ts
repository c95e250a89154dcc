import type { DecisionEventJson } from '@eksid/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

// The audit trail end to end: the unmodified aws CLI refused by a trust policy, and a command
// run by `eksid exec` through the in-process agent, each leave their decisions (STS, EKS Auth,
// agent) in the running server's trail, readable with `eksid events` and explained by `eksid explain`.
const eksid: EksidProcess = await startEksid({ config: 'examples/demo.yaml' });
afterAll(async () => eksid.stop());

const env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
const cli = (args: string[]) => run(process.execPath, [CLI_ENTRY, ...args, '--endpoint', eksid.url], env);

async function events(): Promise<DecisionEventJson[]> {
  const res = await fetch(`${eksid.url}/_eksid/events?limit=1000`, { headers: eksid.adminHeaders });
  return ((await res.json()) as { events: DecisionEventJson[] }).events;
}

/** Agents report in batches (within ~0.5 s): poll instead of sleeping blindly. */
async function eventually(match: (e: DecisionEventJson) => boolean): Promise<DecisionEventJson> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await events()).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the decision never appeared in the audit trail');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('the audit trail', () => {
  it("records the aws CLI's refused AssumeRoleWithWebIdentity with the condition that failed, and eksid events prints it", async () => {
    const token = (await cli(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'intruder'])).stdout.trim();
    const refused = await run('aws', ['sts', 'assume-role-with-web-identity', '--role-arn', 'arn:aws:iam::000000000000:role/demo-app', '--role-session-name', 'e2e', '--web-identity-token', token], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('(AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity');

    const denied = await eventually((e) => e.source === 'sts' && e.serviceAccount === 'intruder');
    expect(denied).toMatchObject({ action: 'AssumeRoleWithWebIdentity', outcome: 'denied', errorCode: 'AccessDenied', cluster: 'demo', namespace: 'default', role: 'arn:aws:iam::000000000000:role/demo-app' });
    expect(denied.trace.filter((l) => l.ok === false).map((l) => l.text).join('\n')).toMatch(/:sub: "system:serviceaccount:default:intruder" not in \["system:serviceaccount:default:app"\]/);

    const printed = await cli(['events', '--denied']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/DENIED {3}sts AssumeRoleWithWebIdentity {2}demo default\/intruder → arn:aws:iam::000000000000:role\/demo-app {2}AccessDenied/);
    expect(printed.stdout).toContain('✗ statement 0 (Allow): condition StringEquals');
  });

  it('records an exec run through the in-process agent (EKS Auth + agent decisions)', async () => {
    const result = await run(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'pod-app', '--', 'aws', 'sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\//);
    const eksAuth = await eventually((e) => e.source === 'eks-auth' && e.serviceAccount === 'pod-app');
    expect(eksAuth).toMatchObject({ action: 'AssumeRoleForPodIdentity', outcome: 'allowed', cluster: 'demo', namespace: 'default', role: 'arn:aws:iam::000000000000:role/demo-pod-identity' });
    const agent = await eventually((e) => e.source === 'agent' && e.serviceAccount === 'pod-app');
    expect(agent).toMatchObject({ action: 'GetCredentials', outcome: 'allowed', cluster: 'demo', namespace: 'default' });
  });

  it('records a failed exec once per EKS Auth call, the agent adding none, and the dashboard shows them as one row', async () => {
    // A Pod Identity association whose role trusts EC2, not pods.eks.amazonaws.com.
    const bad = {
      clusters: [{ name: 'demo', serviceAccounts: [{ namespace: 'default', name: 'ec2-role-user' }] }],
      roles: [{ name: 'ec2-only', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] } }],
      podIdentityAssociations: [{ cluster: 'demo', namespace: 'default', serviceAccount: 'ec2-role-user', role: 'ec2-only' }],
    };
    expect((await fetch(`${eksid.url}/_eksid/apply`, { method: 'POST', headers: { ...eksid.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify(bad) })).status).toBe(200);
    const result = await run(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'ec2-role-user', '--', 'aws', 'sts', 'get-caller-identity'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('AccessDeniedException');

    // The exec's agent has sent what it reports by the time exec exits.
    const mine = (await events()).filter((e) => e.serviceAccount === 'ec2-role-user');
    const attempts = mine.filter((e) => e.source === 'eks-auth');
    // The aws CLI's container provider retries: each attempt is a real EKS Auth call, recorded once.
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(mine).toEqual(attempts);
    expect(attempts.every((e) => e.outcome === 'denied' && e.errorCode === 'AccessDeniedException')).toBe(true);
    expect(attempts[0]?.hints).toEqual(['role/ec2-only does not trust pods.eks.amazonaws.com: a Pod Identity role needs "Principal": {"Service": "pods.eks.amazonaws.com"} and "Action": ["sts:AssumeRole", "sts:TagSession"]']);

    const rows = await (await fetch(`${eksid.url}/_eksid/dashboard/decisions?after=${(attempts[0]?.id ?? 1) - 1}`)).text();
    const counts = [...rows.matchAll(/<li class="decision denied"[^>]* data-count="(\d+)"[^>]*>[\s\S]*?ec2-role-user/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([attempts.length]);
  });

  it('explains, without issuing credentials, why another namespace is refused (exit 1)', async () => {
    const explained = await cli(['explain', '--role', 'demo-app', '--cluster', 'demo', '--namespace', 'payments', '--service-account', 'app']);
    expect(explained.code).toBe(1);
    expect(explained.stdout).toContain('"system:serviceaccount:payments:app" not in ["system:serviceaccount:default:app"]');
  });
});
