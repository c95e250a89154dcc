import { IncompleteSignatureError } from './errors.js';
import { headerValue } from './types.js';
import type { ParsedAuthorization, SignedRequest, SigV4Claim } from './types.js';

/*
 * Reads what a request claims about its signature, without checking it. Error wording is
 * AWS's as observed from its endpoints (quoted in scratchstack-aws-signature's SignatureError
 * docs and in API Gateway answers to unsigned calls); all are IncompleteSignature (400).
 * An Authorization header wins over presigned query parameters.
 */
const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60; // SigV4 query auth limit: one week

export function parseAuthorization(req: SignedRequest): ParsedAuthorization {
  const authorization = headerValue(req, 'authorization');
  if (authorization !== undefined) return parseHeader(req, authorization);
  if (['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'].some((k) => k in req.query)) return parseQuery(req);
  return { kind: 'none' };
}

function parseHeader(req: SignedRequest, authorization: string): SigV4Claim {
  const [algorithm = '', ...rest] = authorization.trim().split(/\s+/);
  // "Basic ..." and friends are not AWS at all and get the missing-parameters answer below.
  if (algorithm.startsWith('AWS') && algorithm !== ALGORITHM) {
    throw new IncompleteSignatureError(`Unsupported AWS 'algorithm': '${algorithm}'`);
  }
  const params = new Map<string, string>();
  for (const part of rest.join(' ').split(/[\s,]+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const credential = params.get('Credential');
  const signature = params.get('Signature');
  const signedHeaders = params.get('SignedHeaders');
  const amzDate = headerValue(req, 'x-amz-date');
  const httpDate = headerValue(req, 'date');
  const missing = [
    credential ? '' : "Authorization header requires 'Credential' parameter.",
    signature ? '' : "Authorization header requires 'Signature' parameter.",
    signedHeaders ? '' : "Authorization header requires 'SignedHeaders' parameter.",
    amzDate || httpDate ? '' : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ].filter(Boolean);
  if (missing.length > 0 || !credential || !signature || !signedHeaders) {
    throw new IncompleteSignatureError(`${missing.join(' ')} Authorization=${authorization}`);
  }
  const token = headerValue(req, 'x-amz-security-token');
  return {
    kind: 'header',
    ...parseCredential(credential),
    date: amzDate ? parseAmzDate(amzDate) : parseHttpDate(httpDate ?? ''),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature,
    ...(token === undefined ? {} : { securityToken: token }),
  };
}

function parseQuery(req: SignedRequest): SigV4Claim {
  const get = (name: string): string => {
    const raw = req.query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) {
      throw new IncompleteSignatureError(`AWS query-string parameters must include '${name}'. Re-examine the query-string parameters.`);
    }
    return value;
  };
  if (get('X-Amz-Algorithm') !== ALGORITHM) throw new IncompleteSignatureError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const credential = parseCredential(get('X-Amz-Credential'));
  const signature = get('X-Amz-Signature');
  const signedHeaders = parseSignedHeaders(get('X-Amz-SignedHeaders'));
  const date = parseAmzDate(get('X-Amz-Date'));
  const expires = get('X-Amz-Expires');
  if (!/^\d+$/.test(expires)) throw new IncompleteSignatureError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_EXPIRES_SECONDS) {
    throw new IncompleteSignatureError(`X-Amz-Expires must be less than a week (in seconds) that is; ${MAX_EXPIRES_SECONDS}`);
  }
  const rawToken = req.query['X-Amz-Security-Token'];
  const token = Array.isArray(rawToken) ? rawToken[0] : rawToken;
  return {
    kind: 'presigned',
    ...credential,
    date,
    signedHeaders,
    signature,
    expiresSeconds,
    ...(token === undefined ? {} : { securityToken: token }),
  };
}

function parseCredential(credential: string): { accessKeyId: string; region: string; service: string } {
  const parts = credential.split('/');
  const [accessKeyId = '', , region = '', service = ''] = parts;
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    throw new IncompleteSignatureError(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  return { accessKeyId, region, service };
}

function parseSignedHeaders(list: string): string[] {
  const names = list.split(';').map((n) => n.trim().toLowerCase());
  // AWS refuses signatures that do not cover the host they were sent to.
  if (!names.includes('host') && !names.includes(':authority')) {
    throw new IncompleteSignatureError("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

function parseAmzDate(value: string): Date {
  const [, y, mo, d, h, mi, s] = (/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) ?? []).map(Number);
  const date = s === undefined ? undefined : new Date(Date.UTC(y ?? 0, (mo ?? 0) - 1, d, h, mi, s));
  // Round-tripping rejects impossible dates such as month 13, which Date.UTC would roll over.
  if (!date || date.toISOString().replace(/[-:]|\.\d{3}/g, '') !== value) {
    throw new IncompleteSignatureError(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  return date;
}

function parseHttpDate(value: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new IncompleteSignatureError(`Date must be in RFC 1123 format. Got '${value}'.`);
  return new Date(ms);
}
