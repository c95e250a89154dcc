import type { Request, Response } from 'express';
import type { ServerContext } from '../context.js';

/** One request id per request, echoed in the body and the x-amzn-RequestId header as AWS does. */
export function requestIdOf(ctx: ServerContext, res: Response): string {
  let id = res.locals['requestId'] as string | undefined;
  if (!id) {
    id = ctx.deps.random.uuid();
    res.locals['requestId'] = id;
    res.setHeader('x-amzn-RequestId', id);
  }
  return id;
}

/** The caller's address for aws:SourceIp (express gives IPv4-mapped IPv6 for IPv4 peers). */
export function sourceIpOf(req: Request): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
