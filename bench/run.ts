// `pnpm bench`: eksid against moto_server, same requests, same concurrency, same run.
// Prints a markdown table (rps, p50, p99, ratio) and eksid's memory; writes .bench/results.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEvents } from './events.js';
import type { EventsBench } from './events.js';
import { openLoad, runLoad } from './load.js';
import type { LoadResult, LoadSpec } from './load.js';
import { CLI_ENTRY, EKSID_NODE, startEksid } from '../e2e/support/eksid.js';
import { freePort, memoryOf, startPeer } from '../e2e/support/processes.js';
import type { Peer } from '../e2e/support/processes.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONCURRENCIES = [1, 32];
const ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-app';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** `BENCH_ONLY=sts,eks-auth,agent,webhook,events` (any of them) runs just those rows; all by default. */
const ONLY = new Set((process.env['BENCH_ONLY'] ?? 'sts,eks-auth,agent,webhook,events').split(',').map((s) => s.trim()));
const wants = (group: string): boolean => ONLY.has(group);

interface Row {
  scenario: string;
  peer: string;
  concurrency: number;
  result: LoadResult;
}

async function main(): Promise<void> {
  const started = await startEksid({ config: 'examples/demo.yaml' });
  const eksid: Peer = { name: 'eksid', url: started.url, pid: started.pid, stop: started.stop };
  const peers: Peer[] = [eksid];
  const rows: Row[] = [];
  try {
    const token = await started.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    const body = webIdentityBody(token);
    const moto = wants('sts') ? await startMoto() : undefined;
    if (moto) peers.push(moto);

    for (const peer of wants('sts') ? peers : []) {
      for (const concurrency of CONCURRENCIES) {
        const spec = { url: `${peer.url}/`, method: 'POST' as const, headers: FORM, body, concurrency };
        rows.push({ scenario: 'AssumeRoleWithWebIdentity', peer: peer.name, concurrency, result: await measure(spec) });
      }
    }

    // EKS Pod Identity: EKS Auth with full validation (token, association, trust, session tags).
    // moto has no EKS Auth, so this row has no peer; its target is the STS figures above.
    const podToken = await started.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', audience: 'pods.eks.amazonaws.com', pod: 'bench-pod' });
    for (const concurrency of wants('eks-auth') ? CONCURRENCIES : []) {
      const spec = {
        url: `${eksid.url}/clusters/demo/assume-role-for-pod-identity`,
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: podToken }),
        concurrency,
      };
      rows.push({ scenario: 'AssumeRoleForPodIdentity', peer: 'eksid', concurrency, result: await measure(spec) });
    }

    // The node agent answering from its cache (the real agent's steady state); rate limit off.
    if (wants('agent')) {
      const agent = await startCliPeer('eksid agent', ['agent', '--cluster', 'demo', '--endpoint', eksid.url, '--max-requests-per-second', '0', '--log-level', 'error'], (port) => ['--port', String(port)], '/v1/credentials');
      peers.push(agent);
      for (const concurrency of CONCURRENCIES) {
        const spec = { url: `${agent.url}/v1/credentials`, method: 'GET' as const, headers: { authorization: podToken }, concurrency };
        rows.push({ scenario: 'agent /v1/credentials (cached)', peer: 'eksid', concurrency, result: await measure(spec) });
      }
    }

    if (wants('webhook')) {
      // The admission webhook mutating a Pod Identity pod (association polled from eksid).
      const certDir = mkdtempSync(join(tmpdir(), 'eksid-bench-webhook-'));
      const [httpsPort, metricsPort] = [await freePort(), await freePort()];
      const webhookCli = ['webhook', '--in-cluster=false', '--host', '127.0.0.1', '--port', String(httpsPort), '--metrics-port', String(metricsPort), '--cert-dir', certDir, '--eksid-endpoint', eksid.url, '--cluster', 'demo'];
      // Readiness on the plain-http metrics port; the load goes to the HTTPS port.
      const webhookProcess = await startPeer('eksid webhook', EKSID_NODE, [CLI_ENTRY, ...webhookCli], `http://127.0.0.1:${metricsPort}`, '/healthz');
      const stop = async (): Promise<void> => {
        await webhookProcess.stop();
        rmSync(certDir, { recursive: true, force: true });
      };
      const webhook: Peer = { ...webhookProcess, url: `https://127.0.0.1:${httpsPort}`, stop };
      peers.push(webhook);
      const ca = readFileSync(join(certDir, 'ca.crt'), 'utf8');
      await waitForMutation(webhook.url, ca);
      const spec = { url: `${webhook.url}/mutate`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: admissionReview(), concurrency: 32, ca };
      rows.push({ scenario: 'webhook admission (Pod Identity)', peer: 'eksid', concurrency: 32, result: await measure(spec) });
    }
    // Last: it fills the audit trail, and its streams must not share the CPU with the rows above.
    const events = wants('events') ? await benchEvents(eksid.url, eksid.pid, body, { ...eventsOptions(), adminHeaders: started.adminHeaders }) : undefined;
    const memory = memoryOf(eksid.pid);
    printTable(rows, memory);
    if (events) printEvents(events);
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/results.json', JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, rows, memory, events }, null, 2));
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}

function webIdentityBody(token: string): string {
  return new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: 'bench', WebIdentityToken: token }).toString();
}

/** moto_server validates nothing; it is the peer to beat. Missing moto is said, not hidden. */
/** Starts an eksid CLI role on a free loopback port; ready once `readyPath` answers. */
async function startCliPeer(name: string, args: string[], portArgs: (port: number) => string[], readyPath: string): Promise<Peer> {
  const port = await freePort();
  const cli = [CLI_ENTRY, ...args, ...portArgs(port)];
  return startPeer(name, EKSID_NODE, cli, `http://127.0.0.1:${port}`, readyPath);
}

function admissionReview(): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'default',
      operation: 'CREATE',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bench', namespace: 'default' }, spec: { serviceAccountName: 'pod-app', containers: [{ name: 'app', image: 'amazon/aws-cli' }] } },
    },
  });
}

/** The webhook learns associations by polling eksid; wait until it mutates the pod. */
async function waitForMutation(url: string, ca: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const result = await runLoad({ url: `${url}/mutate`, method: 'POST', headers: { 'content-type': 'application/json' }, body: admissionReview(), concurrency: 1, seconds: 0.05, ca });
    if (result.errors === 0 && (await patchOf(url, ca))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the webhook did not start mutating Pod Identity pods within 30 s');
}

async function patchOf(url: string, ca: string): Promise<boolean> {
  const { request } = await import('node:https');
  return new Promise((resolve) => {
    const req = request(`${url}/mutate`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body.includes('"patch"')));
    });
    req.on('error', () => resolve(false));
    req.end(admissionReview());
  });
}

/** A 1 s warm-up (JIT, SQLite page cache), then the measured run on the same open connections. */
async function measure(spec: Omit<LoadSpec, 'seconds'>): Promise<LoadResult> {
  const load = await openLoad(spec);
  try {
    await load.run(1);
    return await load.run(SECONDS);
  } finally {
    load.close();
  }
}

async function startMoto(): Promise<Peer | undefined> {
  const port = await freePort();
  try {
    const moto = await startPeer('moto_server', 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], `http://127.0.0.1:${port}`, '/moto-api/');
    // moto routes unsigned awsQuery by the credential scope, so CreateRole carries a dummy one.
    const auth = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0';
    const created = await fetch(`${moto.url}/`, {
      method: 'POST',
      headers: { ...FORM, authorization: auth },
      body: new URLSearchParams({ Action: 'CreateRole', Version: '2010-05-08', RoleName: 'demo-app', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
    });
    if (!created.ok) throw new Error(`moto CreateRole: ${created.status}`);
    return moto;
  } catch (err) {
    console.error(`bench: moto_server unavailable, measuring eksid alone (${(err as Error).message})`);
    return undefined;
  }
}

function printTable(rows: Row[], memory: { rssMb: number; peakMb: number }): void {
  const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  console.log('| scenario | peer | concurrency | rps | p50 ms | p99 ms | errors | eksid ÷ peer rps |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const own = rows.find((r) => r.scenario === row.scenario && r.peer === 'eksid' && r.concurrency === row.concurrency);
    const ratio = row.peer === 'eksid' || !own ? '' : `${fmt(own.result.rps / row.result.rps, 1)}×`;
    const r = row.result;
    console.log(`| ${row.scenario} | ${row.peer} | ${row.concurrency} | ${fmt(r.rps, 0)} | ${fmt(r.p50ms, 3)} | ${fmt(r.p99ms, 3)} | ${r.errors} | ${ratio} |`);
  }
  console.log(`\neksid memory after the run: RSS ${fmt(memory.rssMb, 0)} MB, peak ${fmt(memory.peakMb, 0)} MB`);
}

/** `BENCH_EVENT_CONNECTS` (default 100) and `BENCH_IDLE_STREAMS` (default 60, under the 64-stream cap) size the event-stream rows. */
function eventsOptions(): { connects: number; idleStreams: number } {
  return { connects: Number(process.env['BENCH_EVENT_CONNECTS'] ?? 100), idleStreams: Number(process.env['BENCH_IDLE_STREAMS'] ?? 60) };
}

function printEvents(e: EventsBench): void {
  const ms = (n: number) => n.toFixed(2);
  console.log(`\nevent stream: ${e.connects} connects from after=0 to a trail of ${e.trail} decisions (${e.caughtUp} caught up, ${e.refused} refused, ${e.failed} failed) in ${e.seconds.toFixed(1)} s`);
  console.log(`  per connect: ${ms(e.cpuMsPerConnect)} ms of eksid CPU, ${e.megabytesPerConnect.toFixed(1)} MB sent`);
  console.log(`  /_eksid/health meanwhile: p50 ${ms(e.health.p50ms)} ms, p99 ${ms(e.health.p99ms)} ms (${e.health.requests} requests, ${e.health.errors} errors; target p99 < 50 ms); before: p50 ${ms(e.healthAlone.p50ms)} ms, p99 ${ms(e.healthAlone.p99ms)} ms`);
  console.log(`  serial STS p50: ${ms(e.stsAlone.p50ms)} ms alone, ${ms(e.stsIdleStreams.p50ms)} ms with ${e.idleStreams - e.idleRefused} idle streams open (${e.idleRefused} refused) (p99 ${ms(e.stsAlone.p99ms)} / ${ms(e.stsIdleStreams.p99ms)} ms)`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
