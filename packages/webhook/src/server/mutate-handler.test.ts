// The handler's body reading over plain HTTP (TLS changes nothing here): a review sent in
// pieces, and one over the size limit.
import { Agent, createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { MutateOutcome } from '../events/mutate-decision.js';
import { staticIdentities } from '../identities/index.js';
import { DEFAULT_MUTATION_SETTINGS } from '../mutate/index.js';
import { createWebhookMetrics } from './metrics.js';
import { createMutateHandler } from './mutate-handler.js';

const REVIEW = JSON.stringify({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: { uid: 'u-1', kind: { kind: 'Pod' }, namespace: 'apps', operation: 'CREATE', object: { spec: { serviceAccountName: 'agent', containers: [{ name: 'app' }] } } },
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(maxBodyBytes?: number): Promise<{ url: string; outcomes: MutateOutcome[] }> {
  const outcomes: MutateOutcome[] = [];
  const handler = createMutateHandler({
    settings: DEFAULT_MUTATION_SETTINGS,
    serviceAccounts: { get: () => Promise.resolve(undefined) },
    podIdentity: staticIdentities([{ namespace: 'apps', serviceAccount: 'agent' }]),
    randomInt: () => 0,
    metrics: createWebhookMetrics(),
    maxBodyBytes,
    onDecision: (outcome) => outcomes.push(outcome),
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mutate`, outcomes };
}

/** Sends `pieces` as separate writes; resolves with the status, or the client-side error code. */
function send(url: string, pieces: string[]): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    const write = (i: number): void => {
      if (i === pieces.length) {
        req.end();
        return;
      }
      req.write(pieces[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}

/** A POST that is never finished: resolves with the status once an answer comes anyway. */
function answerBeforeEnd(url: string, piece: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.write(piece);
  });
}

/** Two POSTs on one keep-alive connection: the second one's status and whether it reused the socket. */
async function twoOnOneConnection(url: string, first: string, second: string): Promise<[number, number, boolean]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: string) => new Promise<[number, boolean]>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.statusCode ?? 0, req.reusedSocket]));
    });
    req.on('error', reject);
    req.end(body);
  });
  try {
    const [firstStatus] = await post(first);
    const [secondStatus, reused] = await post(second);
    return [firstStatus, secondStatus, reused];
  } finally {
    agent.destroy();
  }
}

describe('createMutateHandler', () => {
  it('should answer a review whose body arrives in several chunks', async () => {
    const { url, outcomes } = await serve();
    const third = Math.ceil(REVIEW.length / 3);
    expect(await send(url, [REVIEW.slice(0, third), REVIEW.slice(third, 2 * third), REVIEW.slice(2 * third)])).toBe(200);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ uid: 'u-1', namespace: 'apps', serviceAccount: 'agent' });
  });

  it('should answer 413 to a body over the limit as soon as it is over, and record the refusal', async () => {
    const { url, outcomes } = await serve(64);
    expect(await send(url, [REVIEW.slice(0, 40), REVIEW.slice(40)])).toBe(413);
    await expect.poll(() => outcomes).toEqual([{ refused: { status: 413, message: 'request body exceeds 64 bytes', reason: 'too_large' } }]);
  });

  it('should not wait for the rest of a body over the limit', async () => {
    const { url } = await serve(64);
    expect(await answerBeforeEnd(url, REVIEW)).toBe(413);
  });

  it('should keep the connection after a body over the limit', async () => {
    const { url } = await serve(REVIEW.length);
    expect(await twoOnOneConnection(url, `${REVIEW}${' '.repeat(100_000)}`, REVIEW)).toEqual([413, 200, true]);
  });
});
