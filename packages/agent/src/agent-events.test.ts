import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent } from './agent.js';
import type { RunningAgent } from './agent.js';
import type { AgentConfig } from './config.js';
import { createLogger } from '@eksid/core/log';
import { credentialsReply, startFakeEksAuth } from './testing/fake-eks-auth.js';
import type { FakeEksAuth } from './testing/fake-eks-auth.js';
import { send } from './testing/http.js';
import { fakeToken, manualClock } from './testing/tokens.js';

// The agent reporting its decisions to eksid over real HTTP: the fake EKS Auth stands in for
// the eksid server and keeps what arrives at POST /_eksid/events.
let fake: FakeEksAuth;
let agent: RunningAgent;
const clock = manualClock(Date.UTC(2026, 0, 1));
const nowS = () => Math.floor(clock.now() / 1000);
const podToken = fakeToken({ exp: nowS() + 86400, 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'app' }, pod: { name: 'app-7d9f' } } });

async function start(overrides: Partial<AgentConfig> = {}): Promise<RunningAgent> {
  return startAgent({
    clusterName: 'demo',
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIANODE', secretAccessKey: 'x' },
    probePort: null,
    metricsPort: null,
    // Generous: on a loaded machine a tight attempt timeout turns a slow reply into a retry, an extra call the tests count.
    eksAuth: { attemptTimeoutMs: 5_000, backoffMs: () => 0 },
    logger: await createLogger({ level: 'silent' }),
    clock,
    env: {},
    reportEvents: true,
    ...overrides,
  });
}

const creds = (headers: Record<string, string> = { authorization: podToken }) => send(agent.urls[0] as string, { headers });

beforeEach(async () => {
  fake = await startFakeEksAuth();
  fake.reply = () => credentialsReply(Date.UTC(2026, 0, 1, 6) / 1000);
  agent = await start();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

describe('startAgent with reportEvents', () => {
  it('should send the admin token eksid\'s ingest asks for: the one given, else $EKSID_ADMIN_TOKEN', async () => {
    await creds();
    await agent.flushEvents();
    await agent.close();
    agent = await start({ adminToken: 'given' });
    await creds();
    await agent.flushEvents();
    await agent.close();
    agent = await start({ env: { EKSID_ADMIN_TOKEN: 'from-env' } });
    await creds();
    await agent.flushEvents();
    expect(fake.eventTokens).toEqual([undefined, 'given', 'from-env']);
  });

  it('should report a cached answer as allowed, saying it came from the cache and until when', async () => {
    await creds();
    await creds();
    await agent.flushEvents();
    expect(fake.events).toHaveLength(2);
    const cached = fake.events[1];
    expect(cached).toMatchObject({
      source: 'agent', action: 'GetCredentials', outcome: 'allowed', time: '2026-01-01T00:00:00.000Z',
      caller: 'pod default/app-7d9f', cluster: 'demo', namespace: 'default', serviceAccount: 'app',
      role: 'arn:aws:iam::111122223333:role/app-role', errorCode: null, errorMessage: null,
      detail: { from: 'cache', accessKeyId: 'ASIAFAKEEKSAUTH00001', associationId: 'a-abcdefghijklmnop1' },
    });
    expect(cached?.trace).toContainEqual({
      ok: true,
      text: 'served from the agent\'s cache: session arn:aws:sts::111122223333:assumed-role/app-role/eks-demo-pod-1234, cached until 2026-01-01T06:00:00.000Z',
    });
    expect(fake.events[0]?.trace[1]?.text).toBe(`fetched from EKS Auth at ${fake.url} for association a-abcdefghijklmnop1: session arn:aws:sts::111122223333:assumed-role/app-role/eks-demo-pod-1234, cached until 2026-01-01T06:00:00.000Z`);
  });

  it('should leave a refusal EKS Auth made to the record eksid made of it', async () => {
    fake.reply = () => ({ kind: 'error', status: 400, code: 'ExpiredTokenException', message: 'The token included in the request is expired', requestId: 'r-1' });
    expect((await creds()).status).toBe(400);
    await creds({});
    await agent.flushEvents();
    // Only the agent's own refusal (no token) is reported.
    expect(fake.events.map((e) => e.errorMessage)).toEqual(['Service account token cannot be empty']);
  });

  it('should report an answer EKS Auth does not model as its own refusal, with the code', async () => {
    fake.reply = () => ({ kind: 'error', status: 404, code: 'UnknownOperationException', message: 'No operation at POST /x', requestId: 'r-2' });
    await creds();
    await agent.flushEvents();
    expect(fake.events).toEqual([expect.objectContaining({ outcome: 'denied', caller: 'pod default/app-7d9f', role: null, errorCode: 'UnknownOperationException' })]);
    expect(fake.events[0]?.trace.filter((line) => line.ok === false).map((line) => line.text)[0]).toBe(
      `EKS Auth at ${fake.url} answered UnknownOperationException (HTTP 404, request r-2): No operation at POST /x`,
    );
  });

  it('should report a request without Authorization header as denied, with nobody known', async () => {
    await creds({});
    await agent.flushEvents();
    expect(fake.events).toEqual([expect.objectContaining({
      outcome: 'denied', caller: null, namespace: null, serviceAccount: null, cluster: 'demo',
      errorCode: 'Bad Request', errorMessage: 'Service account token cannot be empty',
      trace: [
        { ok: false, text: 'no Authorization header: the pod sent no service account token' },
        { ok: false, text: 'answered 400: Service account token cannot be empty' },
      ],
    })]);
    expect(fake.calls).toHaveLength(0);
  });

  it('should report nothing unless asked to', async () => {
    await agent.close();
    agent = await start({ reportEvents: false });
    await creds();
    await agent.flushEvents();
    await agent.close();
    expect(fake.events).toEqual([]);
  });
});
