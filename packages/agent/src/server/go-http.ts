import { posix } from 'node:path';
import type { ServerResponse } from 'node:http';

/** Responses shaped like Go's net/http, which the real agent is built on. */

/** http.Error: text/plain, nosniff, body = msg + "\n". */
export function writeGoError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${message}\n`);
}

/** http.NotFound, what ServeMux answers for any unregistered path. */
export function writeNotFound(res: ServerResponse): void {
  writeGoError(res, 404, '404 page not found');
}

/**
 * ServeMux redirects a non-canonical path (`//`, `.`, `..`) to its cleaned form with 301
 * before matching; returns true when it did so.
 */
export function redirectUncleanPath(method: string, rawUrl: string, res: ServerResponse): boolean {
  const query = rawUrl.indexOf('?');
  const path = query < 0 ? rawUrl : rawUrl.slice(0, query);
  if (method === 'CONNECT' || !path.startsWith('/')) return false;
  const clean = posix.normalize(path);
  if (clean === path) return false;
  const location = query < 0 ? clean : `${clean}${rawUrl.slice(query)}`;
  res.setHeader('Location', location);
  if (method === 'GET' || method === 'HEAD') {
    res.writeHead(301, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<a href="${location.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}">Moved Permanently</a>.\n\n`);
  } else {
    res.writeHead(301);
    res.end();
  }
  return true;
}

/** The path part of a request target. */
export function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
