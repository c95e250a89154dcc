import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';

const REQUEST_ID = 'x-amzn-RequestId';

/**
 * One request id per request, echoed in the body and the x-amzn-RequestId header as AWS does.
 * The header is the memo, so plain node:http responses (the awsQuery fast path) work too.
 */
export function requestIdOf(ctx: ServerContext, res: ServerResponse): string {
  let id = res.getHeader(REQUEST_ID) as string | undefined;
  if (!id) {
    id = ctx.deps.random.uuid();
    res.setHeader(REQUEST_ID, id);
  }
  return id;
}

/** The caller's address for aws:SourceIp (node gives IPv4-mapped IPv6 for IPv4 peers). */
export function sourceIpOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
