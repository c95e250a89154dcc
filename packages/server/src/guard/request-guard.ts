import { AwsError } from '@eksid/core';
import { HostAllowList } from '@eksid/core/hosts';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { isAwsQueryPath, sendPathError } from '../protocols/path-error.js';
import { crossSiteRefusal } from './cross-site.js';

export interface RequestGuardOptions {
  /** The address the server listens on: answered as a Host when it names one host. */
  bindHost: string;
  /** More Host names to answer (`--allowed-host`). */
  allowedHosts?: readonly string[];
}

/** Refused hosts logged, so a misconfigured setup is explained without flooding the log. */
const LOGGED_HOSTS = 32;

/**
 * Every request passes here before any route, the hot ones included: a Host the server does
 * not answer to (DNS rebinding) or a browser request from another site gets 403 in the
 * protocol its path speaks (AccessDenied at `/`, AccessDeniedException elsewhere). The
 * public URL is read per request: it is only known once the port is (port 0).
 */
export function withRequestGuard(ctx: ServerContext, next: RequestListener, options: RequestGuardOptions): RequestListener {
  const build = (publicUrl: string) => ({
    publicUrl,
    origin: new URL(publicUrl).origin,
    hosts: new HostAllowList({ publicUrl, bindHost: options.bindHost, allowedHosts: options.allowedHosts }),
  });
  let current = build(ctx.config.publicUrl);
  const logged = new Set<string>();
  return (req, res) => {
    if (current.publicUrl !== ctx.config.publicUrl) current = build(ctx.config.publicUrl);
    const host = req.headers.host;
    if (!current.hosts.allows(host)) {
      if (logged.size < LOGGED_HOSTS && !logged.has(host ?? '')) {
        logged.add(host ?? '');
        ctx.log.warn({ host }, 'refused a request for a host eksid does not answer to; if this name is yours, add --allowed-host');
      }
      refuse(ctx, req, res, `eksid does not answer to host '${host ?? ''}': it answers loopback names, its public URL's host and --allowed-host names`);
      return;
    }
    const crossSite = crossSiteRefusal({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers }, current.origin);
    if (crossSite !== undefined) {
      refuse(ctx, req, res, crossSite);
      return;
    }
    next(req, res);
  };
}

// The codes STS/IAM (awsQuery) and EKS (rest-json) answer a caller who may not do something.
function refuse(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, message: string): void {
  sendPathError(ctx, req, res, new AwsError(isAwsQueryPath(req.url ?? '/') ? 'AccessDenied' : 'AccessDeniedException', message, 403));
}
