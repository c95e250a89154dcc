import type { ServerContext } from '../context.js';
import { startTestServer } from '../test-server.js';

/*
 * Test support: the whole app (test-server.ts) with IAM's reply helpers; IAM actions reach IAM
 * by name, as unsigned awsQuery calls do. Not exported from the package.
 */
export interface IamTestServer {
  url: string;
  ctx: ServerContext;
  close(): Promise<void>;
}

export const T0 = '2024-01-02T03:04:05Z';

export async function startIamServer(): Promise<IamTestServer> {
  return startTestServer({ at: T0 });
}

export interface QueryReply {
  status: number;
  body: string;
}

/** An Authorization header for a key eksid never issued (lenient: the root), scoped to IAM. */
export const IAM_SCOPE = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240102/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00' };

/** An awsQuery form POST, unsigned unless `headers` says otherwise, as a raw client would send it. */
export async function postForm(server: IamTestServer, params: Record<string, string>, headers: Record<string, string> = {}): Promise<QueryReply> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
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
