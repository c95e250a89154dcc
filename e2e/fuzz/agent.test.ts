import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, EKSID_NODE, startEksid } from '../support/eksid.js';
import type { EksidProcess } from '../support/eksid.js';
import { freePort, startPeer } from '../support/processes.js';
import type { Peer } from '../support/processes.js';
import { FUZZ_TIMEOUT_MS, extraHeaders, fuzzRuns, headerValue, method, queryString, segment } from './support/fuzz.js';
import { describeReply, send } from './support/raw-http.js';
import type { RawRequest } from './support/raw-http.js';
import { brokenTokens } from './support/tokens.js';

// `eksid agent` (the EKS Pod Identity Agent) against a real `eksid up`, fed random paths,
// methods and headers on its credentials and probe ports: never a 5xx, never a crash, both
// still healthy after.
let eksid: EksidProcess;
let agent: Peer;
let probeUrl: string;
let podToken: string;

beforeAll(async () => {
  eksid = await startEksid({ config: 'examples/demo.yaml' });
  const [port, probePort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  probeUrl = `http://127.0.0.1:${probePort}`;
  agent = await startPeer('eksid agent', EKSID_NODE, [
    CLI_ENTRY, 'agent', '--cluster', 'demo', '--endpoint', eksid.url, '--port', String(port), '--probe-port', String(probePort),
    '--metrics-port', String(metricsPort), '--max-requests-per-second', '0', '--log-level', 'error',
  ], `http://127.0.0.1:${port}`, '/v1/credentials');
  podToken = await eksid.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', audience: 'pods.eks.amazonaws.com', pod: 'fuzz-pod' });
});
afterAll(async () => {
  await agent?.stop();
  await eksid?.stop();
});

afterEach(async () => {
  expect(() => process.kill(agent.pid, 0), 'eksid agent is still running').not.toThrow();
  expect((await send(probeUrl, { method: 'GET', path: '/healthz' }, { ownConnection: true })).status).toBe(200);
  const credentials = await send(agent.url, { method: 'GET', path: '/v1/credentials', headers: { authorization: podToken } }, { ownConnection: true });
  expect(credentials.status, credentials.body).toBe(200);
});

async function below500(baseUrl: string, req: RawRequest): Promise<void> {
  const reply = await send(baseUrl, req);
  expect(reply.status, describeReply(req, reply)).toBeLessThan(500);
}

const path = fc.oneof(
  fc.constantFrom('/v1/credentials', '/V1/Credentials', '/v1/credentials/', '/v1//credentials', '/v1/credentials/..', '/healthz', '/readyz', '/metrics', '/', '//'),
  fc.array(segment, { maxLength: 4 }).map((segs) => `/${segs.join('/')}`),
);

describe('eksid agent under random requests', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers random methods, paths and headers on the credentials port below 500', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, queryString, extraHeaders, fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), async (verb, p, query, h, body) => {
        const withBody = body !== undefined && verb !== 'GET' && verb !== 'HEAD';
        await below500(agent.url, { method: verb, path: p + query, headers: h, ...(withBody ? { body } : {}) });
      }),
      fuzzRuns(200),
    );
  });

  it('answers malformed and mutated pod tokens below 500', async () => {
    // Past node's 16 KB request-head limit its parser refuses the request before the agent sees it.
    const authorization = fc.oneof(brokenTokens(podToken), headerValue, fc.constantFrom(`Bearer ${podToken}`, ` ${podToken}`, `${podToken},${podToken}`)).filter((t) => t.length < 8000);
    await fc.assert(
      fc.asyncProperty(authorization, async (token) => below500(agent.url, { method: 'GET', path: '/v1/credentials', headers: { authorization: token } })),
      fuzzRuns(200),
    );
  });

  it('answers random requests on the probe port below 500', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, queryString, extraHeaders, async (verb, p, query, h) => below500(probeUrl, { method: verb, path: p + query, headers: h })),
      fuzzRuns(100),
    );
  });
});
