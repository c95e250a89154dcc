import { spawn } from 'node:child_process';
import { DescribeClusterCommand, EKSClient, CreatePodIdentityAssociationCommand, ListClustersCommand, ListPodIdentityAssociationsCommand } from '@aws-sdk/client-eks';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, docker, hasDocker } from '../support/docker.js';
import { mintToken } from '../support/eksid.js';
import { REGION, rootCredentials } from '../support/irsa-setup.js';
import { freePort } from '../support/processes.js';

/*
 * docker-compose.yml on a real engine, as a reader runs it: the demo pods get their roles, in
 * the order the healthchecks impose; eksid's named volume keeps everything across a restart
 * and a kill -9; `down -v` leaves nothing of the project behind.
 */
const PROJECT = `eksid-e2e-compose-${process.pid}`;
const ADMIN_TOKEN = `compose-e2e-${process.pid}`;
const ACCOUNT = '000000000000';
const LABEL = `label=com.docker.compose.project=${PROJECT}`;

interface DockerEvent {
  Action: string;
  id: string;
  timeNano: number;
  Actor: { Attributes: Record<string, string> };
}

/** The project's container events (start, die, health changes) from `since` (ms epoch) on, as they come. */
class ProjectEvents {
  readonly seen: DockerEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly child;

  constructor(since: number) {
    // --since replays what happened between `since` and the subscription, so nothing is missed.
    const filters = [LABEL, 'type=container', 'event=start', 'event=die', 'event=health_status'].flatMap((f) => ['--filter', f]);
    this.child = spawn('docker', ['events', '--since', (since / 1000).toFixed(3), ...filters, '--format', '{{json .}}'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') this.seen.push(JSON.parse(line) as DockerEvent);
      this.wakeAll();
    });
  }

  /** The first `action` event of `service` at or after `since` (ms epoch), waiting for it if needed. */
  async next(service: string, action: string, since: number, timeoutMs = 120_000): Promise<DockerEvent> {
    const find = () => this.seen.find((e) => e.Actor.Attributes['com.docker.compose.service'] === service && e.Action === action && e.timeNano / 1e6 >= since);
    const waiting = Date.now();
    const timer = setTimeout(() => this.wakeAll(), timeoutMs);
    try {
      for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() - waiting >= timeoutMs) {
          const saw = this.seen.map((e) => `${e.Actor.Attributes['com.docker.compose.service'] ?? '?'} ${e.Action}`).join(', ');
          throw new Error(`no "${action}" event of ${service} within ${timeoutMs} ms; saw: ${saw}`);
        }
        await new Promise<void>((resolve) => this.waiters.add(resolve));
      }
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    this.child.kill();
  }

  private wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}

describe.skipIf(!hasDocker('compose.docker.test'))('docker-compose.yml on a Docker engine', () => {
  let port: number;
  let env: NodeJS.ProcessEnv;
  let events: ProjectEvents;
  let url: string;
  let eks: EKSClient;
  let iam: IAMClient;
  let sts: STSClient;

  const project = (args: string[]) => compose(['-p', PROJECT, ...args], { env });
  const containerOf = async (service: string) => (await docker(['ps', '-aq', '--filter', LABEL, '--filter', `label=com.docker.compose.service=${service}`])).stdout.trim();
  const seconds = (from: number) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

  beforeAll(async () => {
    port = await freePort();
    env = { EKSID_PORT: String(port), EKSID_ADMIN_TOKEN: ADMIN_TOKEN };
    url = `http://127.0.0.1:${port}`;
    const config = { endpoint: url, region: REGION, credentials: rootCredentials };
    [eks, iam, sts] = [new EKSClient(config), new IAMClient(config), new STSClient(config)];
  });
  afterAll(async () => {
    events?.stop();
    for (const client of [eks, iam, sts]) client?.destroy();
    await project(['down', '-v', '--remove-orphans']);
  });

  /** What the named volume must keep: the clusters, the roles, the associations and the keys. */
  async function state() {
    const clusters = (await eks.send(new ListClustersCommand({}))).clusters;
    const associations = (await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: 'demo' }))).associations;
    const issuer = (await eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster?.identity?.oidc?.issuer ?? '';
    const jwks = (await (await fetch(`${url}${new URL(issuer).pathname}/keys`)).json()) as { keys: { kid: string }[] };
    const roles = await Promise.all(['demo-app', 'demo-pod-identity'].map(async (name) => (await iam.send(new GetRoleCommand({ RoleName: name }))).Role));
    // Not vacuous: the demo config's cluster, association and signing key are there to compare.
    expect(clusters).toContain('demo');
    expect(associations?.length).toBeGreaterThan(0);
    expect(jwks.keys.length).toBeGreaterThan(0);
    return { clusters, associations, issuer, jwks, roles };
  }

  const assume = async (token: string) =>
    (await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/demo-app`, RoleSessionName: 'before-restart', WebIdentityToken: token }))).AssumedRoleUser?.Arn;

  it('should print both assumed-role ARNs, each demo pod started only once what it needs is healthy or done', async () => {
    const started = Date.now();
    events = new ProjectEvents(started);
    await project(['up', '-d', '--no-build']);
    const demos = await Promise.all(['demo-irsa', 'demo-pod-identity'].map(containerOf));
    expect((await docker(['wait', ...demos])).stdout.split('\n').filter(Boolean)).toEqual(['0', '0']);
    const [irsa, pod] = await Promise.all(demos.map(async (id) => (await docker(['logs', id])).stdout));
    console.log(`[compose] up -> both ARNs: ${seconds(started)}`);
    expect(irsa).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-app\/[\w-]+\n$/);
    expect(pod).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\/eks-demo-demo-pod-identity-[\w-]+\n$/);

    const at = async (service: string, action: string) => (await events.next(service, action, started)).timeNano;
    const eksidHealthy = await at('eksid', 'health_status: healthy');
    const agentHealthy = await at('agent', 'health_status: healthy');
    const tokensDone = await events.next('tokens', 'die', started);
    expect(tokensDone.Actor.Attributes['exitCode']).toBe('0');
    expect(await at('tokens', 'start'), 'tokens started before eksid was healthy').toBeGreaterThan(eksidHealthy);
    expect(await at('agent', 'start'), 'agent started before eksid was healthy').toBeGreaterThan(eksidHealthy);
    expect(await at('demo-irsa', 'start'), 'demo-irsa started before eksid was healthy and the tokens written').toBeGreaterThan(Math.max(eksidHealthy, tokensDone.timeNano));
    expect(await at('demo-pod-identity', 'start'), 'demo-pod-identity started before the agent was healthy and the tokens written').toBeGreaterThan(Math.max(agentHealthy, tokensDone.timeNano));
  });

  it('should keep clusters, roles, associations and signing keys across `restart eksid`, and accept a token minted before it', async () => {
    const before = await state();
    const token = await mintToken(url, ADMIN_TOKEN, { cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    expect(await assume(token)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/demo-app/before-restart`);

    const restarted = Date.now();
    await project(['restart', 'eksid']);
    await events.next('eksid', 'health_status: healthy', restarted);
    console.log(`[compose] restart eksid -> healthy: ${seconds(restarted)}`);

    expect(await state()).toEqual(before);
    expect(await assume(token)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/demo-app/before-restart`);
  });

  it('should keep every acknowledged write across a kill -9 of the eksid container', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `killed-${i}`);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] });
    const acknowledged: { role: string; associationId: string }[] = [];
    for (const name of names) {
      const role = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
      const association = await eks.send(new CreatePodIdentityAssociationCommand({ clusterName: 'demo', namespace: 'killed', serviceAccount: name, roleArn: role.Role?.Arn }));
      acknowledged.push({ role: role.Role?.Arn ?? '', associationId: association.association?.associationId ?? '' });
    }
    const before = await state();

    const eksid = await containerOf('eksid');
    await docker(['kill', '-s', 'KILL', eksid]);
    expect((await docker(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', eksid])).stdout.trim()).toBe('exited 137');
    const started = Date.now();
    await project(['start', 'eksid']);
    await events.next('eksid', 'health_status: healthy', started);
    console.log(`[compose] kill -9 -> start -> healthy: ${seconds(started)}`);

    expect(await state()).toEqual(before);
    for (const [i, name] of names.entries()) {
      expect((await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.Arn).toBe(acknowledged[i]?.role);
    }
    const listed = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: 'demo', namespace: 'killed' }));
    expect(listed.associations?.map((a) => a.associationId).sort()).toEqual(acknowledged.map((a) => a.associationId).sort());
  });

  it('should leave no container, network or volume of the project after `down -v`', async () => {
    await project(['down', '-v']);
    const left = await Promise.all([
      docker(['ps', '-aq', '--filter', LABEL]),
      docker(['network', 'ls', '-q', '--filter', LABEL]),
      docker(['volume', 'ls', '-q', '--filter', LABEL]),
      docker(['volume', 'ls', '-q', '--filter', `name=${PROJECT}_`]),
    ]);
    expect(left.map((r) => r.stdout.trim())).toEqual(['', '', '', '']);
  });
});
