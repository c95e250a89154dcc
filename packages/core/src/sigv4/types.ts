/**
 * An HTTP request as far as SigV4 cares, free of any HTTP library: the server adapts its
 * request to this. `path` is the raw path (still percent-encoded, no query); `query` holds
 * decoded values; header names are lower case, as Node gives them.
 */
export interface SignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: string | Buffer;
}

export interface Unsigned {
  kind: 'none';
}

/** What a SigV4 Authorization header or presigned query claims; nothing here is verified yet. */
export interface SigV4Claim {
  kind: 'header' | 'presigned';
  accessKeyId: string;
  /** X-Amz-Date (or, for headers, the Date header). */
  date: Date;
  region: string;
  service: string;
  /** Lower-case names, in the order given. */
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Security-Token, from the header or the query. */
  securityToken?: string;
  /** X-Amz-Expires; presigned only. */
  expiresSeconds?: number;
}

export type ParsedAuthorization = Unsigned | SigV4Claim;

/** A header's single value; repeated headers are joined with ',' as SigV4 canonicalisation does. */
export function headerValue(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
