import { requestEksid } from '../client.js';
import type { EksidTarget } from '../client.js';
import { CliError } from '../errors.js';

/**
 * One IAM call over awsQuery, asking for JSON (as AWS answers awsQuery with Accept:
 * application/json), unsigned as `eksid apply` and friends call eksid. Returns the result
 * member; an error answer becomes a one-line CliError with IAM's code and message.
 */
export async function callIam(target: EksidTarget, action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${target.endpoint}/`, {
      method: 'POST',
      signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString(),
    });
  } catch {
    throw new CliError(`cannot reach ${target.endpoint} (is \`eksid up\` running?)`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, Record<string, unknown> | undefined>;
  if (!res.ok) {
    const error = body['Error'] ?? {};
    throw new CliError(`IAM ${action} answered ${String(error['Code'] ?? res.status)}: ${String(error['Message'] ?? '')}`);
  }
  return (body[`${action}Response`]?.[`${action}Result`] ?? {}) as Record<string, unknown>;
}

/** One EKS rest-json GET; an error answer becomes a one-line CliError with EKS's message. */
export async function getEks(target: EksidTarget, path: string): Promise<Record<string, unknown>> {
  const reply = await requestEksid(target, 'GET', path);
  if (reply.status !== 200) throw new CliError(typeof reply.body['message'] === 'string' ? reply.body['message'] : `EKS answered HTTP ${reply.status} for ${path}`);
  return reply.body;
}
