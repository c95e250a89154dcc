import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixedClock, Store, coreConfig, systemRandom } from '@eksid/core';
import express from 'express';
import { pino } from 'pino';
import type { ServerContext } from '../context.js';
import { awsQueryHandler } from '../protocols/aws-query.js';
import { iamService } from './index.js';

/*
 * Test support: IAM alone behind the awsQuery handler on 127.0.0.1 port 0, without the other
 * services createApp wires (so these tests do not depend on them). Not exported from the package.
 */
export interface IamTestServer {
  url: string;
  ctx: ServerContext;
  close(): Promise<void>;
}

export const T0 = '2024-01-02T03:04:05Z';

export async function startIamServer(): Promise<IamTestServer> {
  const ctx: ServerContext = {
    store: Store.open(':memory:'),
    deps: { clock: new FixedClock(T0), random: systemRandom },
    config: coreConfig(),
    log: pino({ level: 'silent' }),
    signatureMode: 'lenient',
  };
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.post('/', awsQueryHandler(ctx, [iamService]));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      ctx.store.close();
    },
  };
}

export interface QueryReply {
  status: number;
  body: string;
}

/** An unsigned awsQuery form POST, as a raw client would send it. */
export async function postForm(server: IamTestServer, params: Record<string, string>): Promise<QueryReply> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

/** The Code and Message of an awsQuery error document. */
export function errorOf(reply: QueryReply): { status: number; code: string | undefined; message: string | undefined } {
  return { status: reply.status, code: /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1], message: unescapeXml(/<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1]) };
}

/** The text of the first <name> element. */
export function elementOf(body: string, name: string): string | undefined {
  return unescapeXml(new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1]);
}

function unescapeXml(text: string | undefined): string | undefined {
  return text?.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}
