// Each role of the one image, started from eksid:local on a real Docker engine as its
// non-root user: `up` answers its probe; `agent` serves Pod Identity credentials at
// 169.254.170.23:80 to a container running the unmodified aws CLI; `webhook`, with the
// certificates `eksid webhook-certs` wrote, answers HTTPS /healthz and mutates a pod with the
// Pod Identity association eksid holds. The network is link-local, as compose's is.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EKSID_IMAGE, docker, hasDocker, waitHealthy } from '../support/docker.js';

const suite = `eksid-roles-${randomBytes(3).toString('hex')}`;
const network = suite;
const admin = { EKSID_ADMIN_TOKEN: randomBytes(24).toString('base64url') };
const AGENT_ADDRESS = '169.254.170.23';
const name = (role: string) => `${suite}-${role}`;
const envArgs = (env: Record<string, string>) => Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);

/** Starts a detached container of the image on the suite's network; returns its name. */
async function runRole(role: string, args: string[], options: { env?: Record<string, string>; docker?: string[] } = {}): Promise<string> {
  await docker(['run', '-d', '--name', name(role), '--network', network, ...envArgs({ ...admin, ...options.env }), ...(options.docker ?? []), EKSID_IMAGE, ...args]);
  return name(role);
}

async function hostPort(container: string, port: number): Promise<number> {
  const { stdout } = await docker(['port', container, `${port}/tcp`]);
  return Number(/:(\d+)\s*$/m.exec(stdout)?.[1]);
}

describe.skipIf(!hasDocker('image-roles.docker.test'))('the eksid image, one role per container', () => {
  const certs = mkdtempSync(join(tmpdir(), 'eksid-webhook-certs-'));
  let eksidUrl: string;

  beforeAll(async () => {
    await docker(['network', 'create', '--subnet', '169.254.170.0/24', '--ip-range', '169.254.170.128/25', network]);
    const up = await runRole('up', ['up', '--host', '0.0.0.0', '--data', '/data', '--config', '/etc/eksid/demo.yaml', '--public-url', 'http://eksid:4599'], {
      docker: ['--network-alias', 'eksid', '-p', '127.0.0.1::4599'],
    });
    console.log(`[image-roles] eksid up: start to healthy in ${await waitHealthy(up)} ms`);
    eksidUrl = `http://127.0.0.1:${await hostPort(up, 4599)}`;
  });

  afterAll(async () => {
    const { stdout } = await docker(['ps', '-aq', '--filter', `name=^${suite}-`]);
    const ids = stdout.split('\n').filter(Boolean);
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
    await docker(['network', 'rm', network]).catch(() => undefined);
    rmSync(certs, { recursive: true, force: true });
  });

  it('up: should answer /_eksid/health on the published port, as uid 1000', async () => {
    const res = await fetch(`${eksidUrl}/_eksid/health`);
    expect(res.status).toBe(200);
    expect((await docker(['exec', name('up'), 'id', '-u'])).stdout.trim()).toBe('1000');
  });

  it('agent: should serve Pod Identity credentials at 169.254.170.23:80 to the aws CLI, as uid 1000', async () => {
    const agent = await runRole('agent', ['agent', '--cluster', 'demo', '--endpoint', 'http://eksid:4599', '--bind', AGENT_ADDRESS, '--port', '80'], {
      env: { AWS_REGION: 'us-east-1', EKSID_HEALTHCHECK_URL: 'http://127.0.0.1:2703/healthz' },
      // Port 80 for the non-root user, inside this container's own network namespace only.
      docker: ['--ip', AGENT_ADDRESS, '--sysctl', 'net.ipv4.ip_unprivileged_port_start=0'],
    });
    console.log(`[image-roles] agent: start to healthy in ${await waitHealthy(agent)} ms`);
    expect((await docker(['exec', agent, 'id', '-u'])).stdout.trim()).toBe('1000');
    const token = (await docker(['exec', name('up'), 'eksid', 'token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'pod-app', '--audience', 'pods.eks.amazonaws.com', '--pod', 'roles-pod'])).stdout.trim();
    const { stdout } = await docker(['run', '--rm', '--network', network, ...envArgs({
      AWS_ENDPOINT_URL: 'http://eksid:4599',
      AWS_REGION: 'us-east-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://${AGENT_ADDRESS}/v1/credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
    }), 'amazon/aws-cli:latest', 'sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text']);
    expect(stdout.trim()).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\/eks-demo-roles-pod-/);
  });

  it('webhook: should serve HTTPS with the certificates `eksid webhook-certs` wrote, and inject Pod Identity', async () => {
    // Written by the image's own user into a directory it owns, then read-only for the webhook.
    chmodSync(certs, 0o777);
    await docker(['run', '--rm', '-v', `${certs}:/certs`, EKSID_IMAGE, 'webhook-certs', '--out', '/certs', '--service-name', 'pod-identity-webhook', '--namespace', 'eks']);
    const webhook = await runRole('webhook', ['webhook', '--port', '8443', '--in-cluster=false', '--tls-cert', '/certs/tls.crt', '--tls-key', '/certs/tls.key', '--eksid-endpoint', 'http://eksid:4599', '--cluster', 'demo'], {
      env: { EKSID_HEALTHCHECK_URL: 'http://127.0.0.1:9999/healthz' },
      docker: ['-v', `${certs}:/certs:ro`, '-p', '127.0.0.1::8443'],
    });
    console.log(`[image-roles] webhook: start to healthy in ${await waitHealthy(webhook)} ms`);
    const port = await hostPort(webhook, 8443);
    const ca = readFileSync(join(certs, 'ca.crt'));
    expect(await httpsCall(port, ca, 'GET', '/healthz')).toMatchObject({ status: 200 });
    const review = await httpsCall(port, ca, 'POST', '/mutate', JSON.stringify(admissionReview('pod-app')));
    const patch = JSON.parse(Buffer.from((JSON.parse(review.body) as { response: { patch: string } }).response.patch, 'base64').toString('utf8')) as unknown;
    expect(JSON.stringify(patch)).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    expect(JSON.stringify(patch)).toContain('http://169.254.170.23/v1/credentials');
  });
});

/** An HTTPS call that trusts only the webhook's CA and checks the name its certificate is for. */
function httpsCall(port: number, ca: Buffer, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, ca, servername: 'pod-identity-webhook.eks.svc', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function admissionReview(serviceAccount: string): object {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '5b1b7b4e-0000-4000-8000-000000000001',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'default',
      operation: 'CREATE',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'roles-demo', namespace: 'default' }, spec: { serviceAccountName: serviceAccount, containers: [{ name: 'app', image: 'amazon/aws-cli:latest' }] } },
    },
  };
}
