// `pnpm bench`: eksid against moto_server, same requests, same concurrency, same run.
// Prints a markdown table (rps, p50, p99, ratio) and eksid's memory; writes .bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { runLoad } from './load.js';
import type { LoadResult, LoadSpec } from './load.js';
import { startEksid } from '../e2e/support/eksid.js';
import { freePort, memoryOf, startPeer } from '../e2e/support/processes.js';
import type { Peer } from '../e2e/support/processes.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONCURRENCIES = [1, 32];
const ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-app';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

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
    const moto = await startMoto();
    if (moto) peers.push(moto);

    for (const peer of peers) {
      for (const concurrency of CONCURRENCIES) {
        const spec = { url: `${peer.url}/`, method: 'POST' as const, headers: FORM, body, concurrency };
        rows.push({ scenario: 'AssumeRoleWithWebIdentity', peer: peer.name, concurrency, result: await measure(spec) });
      }
    }

    // EKS Pod Identity: EKS Auth with full validation (token, association, trust, session tags).
    // moto has no EKS Auth, so this row has no peer; its target is the STS figures above.
    const podToken = await started.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', audience: 'pods.eks.amazonaws.com', pod: 'bench-pod' });
    for (const concurrency of CONCURRENCIES) {
      const spec = {
        url: `${eksid.url}/clusters/demo/assume-role-for-pod-identity`,
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: podToken }),
        concurrency,
      };
      rows.push({ scenario: 'AssumeRoleForPodIdentity', peer: 'eksid', concurrency, result: await measure(spec) });
    }
    const memory = memoryOf(eksid.pid);
    printTable(rows, memory);
    mkdirSync('.bench', { recursive: true });
    writeFileSync('.bench/results.json', JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, rows, memory }, null, 2));
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}

function webIdentityBody(token: string): string {
  return new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: 'bench', WebIdentityToken: token }).toString();
}

/** moto_server validates nothing; it is the peer to beat. Missing moto is said, not hidden. */
/** A 1 s warm-up (JIT, connection pool, SQLite page cache), then the measured run. */
async function measure(spec: Omit<LoadSpec, 'seconds'>): Promise<LoadResult> {
  await runLoad({ ...spec, seconds: 1 });
  return runLoad({ ...spec, seconds: SECONDS });
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

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
