import type { ServerResponse } from 'node:http';

/**
 * One writeHead and one end with a string (node joins head and body into one chunk), without
 * express's res.send (content-type lookup, charset rewrite, freshness check, and a Buffer copy
 * of bodies over 1000 chars). Same headers in the same order as res.send gave: x-amzn-RequestId
 * (already set), x-amzn-ErrorType for rest-json errors, Content-Type, Content-Length. Node sends
 * no body to HEAD requests, as res.send did not.
 */
export function sendText(res: ServerResponse, status: number, type: 'text/xml' | 'application/json', body: string, errorType?: string): void {
  const headers = { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(body) };
  res.writeHead(status, errorType === undefined ? headers : { 'x-amzn-ErrorType': errorType, ...headers });
  res.end(body);
}
