import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4599';

/** `--endpoint`, else $EKSID_ENDPOINT, else the default; trailing slashes dropped. */
export function resolveEndpoint(flag: string | undefined, io: Io): string {
  const endpoint = flag ?? io.env['EKSID_ENDPOINT'] ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`invalid endpoint '${endpoint}': expected a URL like ${DEFAULT_ENDPOINT}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`invalid endpoint '${endpoint}': expected http:// or https://`);
  return endpoint.replace(/\/+$/, '');
}

export interface EksidReply {
  status: number;
  /** The AWS error code (x-amzn-ErrorType) of an error answer. */
  errorType: string | undefined;
  body: Record<string, unknown>;
}

/**
 * One JSON request to the server, answered whatever its status. A server that is not there,
 * or an answer that is not JSON, becomes a one-line CliError.
 */
export async function requestEksid(endpoint: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<EksidReply> {
  let res: Response;
  try {
    const init: RequestInit = { method, signal: AbortSignal.timeout(30_000) };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    res = await fetch(`${endpoint}${path}`, init);
  } catch {
    throw new CliError(`cannot reach ${endpoint} (is \`eksid up\` running?)`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new CliError(`${endpoint} answered ${res.status} with something other than JSON; is it an eksid server?`);
  }
  const answer = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype') ?? undefined, body: answer };
}

/**
 * Calls one of the server's /_eksid operations and returns its JSON; an error answer becomes
 * a one-line CliError with the server's own message.
 */
export async function callEksid(endpoint: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const reply = await requestEksid(endpoint, method, path, body);
  if (reply.status < 200 || reply.status > 299) {
    const message = typeof reply.body['message'] === 'string' ? reply.body['message'] : `HTTP ${reply.status}`;
    throw new CliError(message);
  }
  return reply.body;
}
