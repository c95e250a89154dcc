import { ADMIN_TOKEN_HEADER, ADMIN_TOKEN_VARIABLE, resolveAdminToken } from '@eksid/core/admin-token';
import { CliError, UsageError } from './errors.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4599';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where a client looks for eksid when --endpoint is not given, first set wins: eksid's own
 * variable, then the AWS SDKs' own service-specific one (AWS_ENDPOINT_URL_<SERVICE>, e.g.
 * EKS_AUTH for the agent), then the global AWS_ENDPOINT_URL that `eksid up`'s banner has users
 * export. https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export function endpointVariables(service?: string): string[] {
  return ['EKSID_ENDPOINT', ...(service === undefined ? [] : [`AWS_ENDPOINT_URL_${service}`]), 'AWS_ENDPOINT_URL'];
}

/** `--endpoint`'s help: what it is, then where it comes from when not given. */
export function endpointHelp(what = 'eksid server', service?: string): string {
  return `${what} (default: ${endpointVariables(service).map((name) => `$${name}`).join(', else ')}, else ${DEFAULT_ENDPOINT})`;
}

/** `--endpoint`, else the first variable of endpointVariables set (empty is unset), else the default; trailing slashes dropped. */
export function resolveEndpoint(flag: string | undefined, env: Env, service?: string): string {
  const variable = flag === undefined ? endpointVariables(service).find((name) => Boolean(env[name])) : undefined;
  const endpoint = flag ?? (variable === undefined ? DEFAULT_ENDPOINT : (env[variable] as string));
  const invalid = (why: string) => new UsageError(`invalid endpoint '${endpoint}'${variable === undefined ? '' : ` (from $${variable})`}: ${why}`);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`expected a URL like ${DEFAULT_ENDPOINT}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('expected http:// or https://');
  return endpoint.replace(/\/+$/, '');
}

/** `--admin-token`'s help, the same for every client command. */
export const ADMIN_TOKEN_HELP = `eksid's admin token (default: $${ADMIN_TOKEN_VARIABLE}, else found when \`eksid up\` runs on this machine)`;

/** A running eksid as a client reaches it: where, and the admin token its own API asks for (if known). */
export interface EksidTarget {
  endpoint: string;
  adminToken: string | undefined;
}

/** The endpoint as resolveEndpoint finds it, and the admin token for it (flag, env, then what `eksid up` announced on this machine). */
export function resolveTarget(flags: { endpoint?: string | undefined; adminToken?: string | undefined }, env: Env, service?: string): EksidTarget {
  const endpoint = resolveEndpoint(flags.endpoint, env, service);
  return { endpoint, adminToken: resolveAdminToken(flags.adminToken, env, endpoint) };
}

/** The header that carries the admin token, when there is one to send. */
export function adminHeaders(target: EksidTarget): Record<string, string> {
  return target.adminToken === undefined ? {} : { [ADMIN_TOKEN_HEADER]: target.adminToken };
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
export async function requestEksid(target: EksidTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<EksidReply> {
  const { endpoint } = target;
  let res: Response;
  try {
    const init: RequestInit = { method, signal: AbortSignal.timeout(30_000), headers: adminHeaders(target) };
    if (body !== undefined) {
      init.headers = { ...adminHeaders(target), 'content-type': 'application/json' };
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
export async function callEksid(target: EksidTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const reply = await requestEksid(target, method, path, body);
  if (reply.status < 200 || reply.status > 299) {
    const message = typeof reply.body['message'] === 'string' ? reply.body['message'] : `HTTP ${reply.status}`;
    throw new CliError(message);
  }
  return reply.body;
}
