import type { IncomingHttpHeaders } from 'node:http';

/** The parts of a request the cross-site rule reads. */
export interface BrowserRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Why a request a browser sent from another site is refused, or undefined to serve it.
 *
 * A page on any origin can make a browser send a form post or a no-cors fetch to a loopback
 * server, which then acts on it even though the page never reads the answer. Browsers mark
 * such requests: `Sec-Fetch-Site` says whether the initiator was this origin (Fetch Metadata,
 * https://w3c.github.io/webappsec-fetch-metadata/), and every cross-origin POST carries
 * `Origin` (RFC 6454 §7, also in browsers without Fetch Metadata). AWS SDKs and CLIs send
 * neither, so they are never refused. `same-site` is refused too: on loopback another port is
 * the same site, and that is exactly where another local page lives.
 *
 * `ownOrigin` is the public URL's origin (e.g. a proxy's); the origin the Host header names
 * is this server's own as well.
 */
export function crossSiteRefusal(req: BrowserRequest, ownOrigin: string): string | undefined {
  const { headers } = req;
  const site = headers['sec-fetch-site'];
  const origin = headers.origin;
  const foreignOrigin = origin !== undefined && !isOwnOrigin(origin.toLowerCase(), headers.host, ownOrigin);
  if (!foreignOrigin && site !== 'cross-site' && site !== 'same-site') return undefined;
  if (isPlainNavigation(req)) return undefined;
  const from = foreignOrigin ? `origin ${origin}` : `a ${site} page`;
  return `eksid refuses requests a browser sends from another site (${from}): only its own pages, and clients that send no Origin, may call it`;
}

function isOwnOrigin(origin: string, host: string | undefined, ownOrigin: string): boolean {
  if (origin === ownOrigin) return true;
  if (host === undefined) return false;
  const named = host.toLowerCase();
  return origin === `http://${named}` || origin === `https://${named}`;
}

/**
 * A link followed from another site to a page (the dashboard, a JSON document) changes
 * nothing, and the linking page cannot read what it opened: served, so links to eksid work.
 * awsQuery GETs are the exception: `GET /?Action=…` runs any STS or IAM action.
 */
function isPlainNavigation(req: BrowserRequest): boolean {
  const { headers } = req;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (headers['sec-fetch-mode'] !== 'navigate' || headers['sec-fetch-dest'] !== 'document') return false;
  const query = req.url.indexOf('?');
  return query < 0 || req.url.slice(0, query) !== '/';
}
