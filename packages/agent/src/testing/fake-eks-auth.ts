import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * BOUNDARY FAKE of the EKS Auth service, for tests only: a real local HTTP server speaking
 * the rest-json wire of AssumeRoleForPodIdentity (docs/pod-identity-behaviour.md §2) so the agent's
 * client, retries and error mapping run for real. It does no validation; each test says
 * what it answers. Replace with the eksid server in e2e. Like eksid, it also takes the
 * decision events agents report (`POST /_eksid/events`) and keeps them in `events`.
 */
export interface EksAuthCall {
  cluster: string;
  token: string;
  headers: IncomingHttpHeaders;
}

export type EksAuthReply =
  | { kind: 'credentials'; expiration: number; accessKeyId?: string; accountId?: string }
  | { kind: 'error'; status: number; code: string; message: string; requestId?: string }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'hang' };

/** One reported decision as it arrived on the wire. */
export type ReportedEvent = Record<string, unknown> & { action: string; outcome: string; trace: { ok: boolean | null; text: string }[] };

export interface FakeEksAuth {
  url: string;
  calls: EksAuthCall[];
  events: ReportedEvent[];
  /** The X-Eksid-Admin-Token of each events post, in order (undefined: none sent). */
  eventTokens: (string | undefined)[];
  /** Decides each reply; replace per test. */
  reply: (call: EksAuthCall) => EksAuthReply;
  close(): Promise<void>;
}

export function credentialsReply(expirationSeconds: number, accessKeyId = 'ASIAFAKEEKSAUTH00001'): EksAuthReply {
  return { kind: 'credentials', expiration: expirationSeconds, accessKeyId };
}

export async function startFakeEksAuth(): Promise<FakeEksAuth> {
  const fake: FakeEksAuth = { url: '', calls: [], events: [], eventTokens: [], reply: () => credentialsReply(Math.floor(Date.now() / 1000) + 6 * 3600), close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/_eksid/events') {
        const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: ReportedEvent[] };
        fake.events.push(...events);
        fake.eventTokens.push(req.headers['x-eksid-admin-token'] as string | undefined);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recorded: events.length }));
        return;
      }
      const match = /^\/clusters\/([^/]+)\/assume-role-for-pod-identity$/.exec(req.url ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { token?: string };
      const call = { cluster: decodeURIComponent(match?.[1] ?? ''), token: body.token ?? '', headers: req.headers };
      fake.calls.push(call);
      const reply = fake.reply(call);
      if (reply.kind === 'hang') return;
      if (reply.kind === 'raw') {
        res.writeHead(reply.status, reply.headers ?? {}).end(reply.body);
      } else if (reply.kind === 'error') {
        res.writeHead(reply.status, { 'content-type': 'application/json', 'x-amzn-errortype': reply.code, 'x-amzn-requestid': reply.requestId ?? 'req-1' });
        res.end(JSON.stringify({ message: reply.message }));
      } else {
        const account = reply.accountId ?? '111122223333';
        res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-ok' });
        res.end(JSON.stringify({
          subject: { namespace: 'default', serviceAccount: 'app' },
          audience: 'pods.eks.amazonaws.com',
          podIdentityAssociation: { associationArn: `arn:aws:eks:us-east-1:${account}:podidentityassociation/demo/a-abcdefghijklmnop1`, associationId: 'a-abcdefghijklmnop1' },
          assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/app-role/eks-demo-pod-1234`, assumeRoleId: 'AROAFAKE:eks-demo-pod-1234' },
          credentials: { sessionToken: 'session-token', secretAccessKey: 'secret-key', accessKeyId: reply.accessKeyId ?? 'ASIAFAKEEKSAUTH00001', expiration: reply.expiration },
        }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return fake;
}
