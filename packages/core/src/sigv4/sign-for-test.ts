import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SignedRequest } from './types.js';

/*
 * Test support: signs a request with @smithy/signature-v4 exactly as an AWS SDK would and
 * hands it back in the server's SignedRequest shape. Not exported from the package.
 */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TestSigning {
  mode: 'header' | 'presigned';
  date: Date;
  region?: string;
  service?: string;
  expiresIn?: number;
  /** false: no x-amz-content-sha256 header, as botocore signs non-S3 calls. */
  applyChecksum?: boolean;
}

export interface TestRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}

export const STS_FORM_POST: TestRequest = {
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};

export async function signForTest(req: TestRequest, credentials: TestCredentials, how: TestSigning): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: how.service ?? 'sts',
    region: how.region ?? 'us-east-1',
    credentials,
    sha256: Sha256,
    applyChecksum: how.applyChecksum ?? true,
  });
  const request = {
    method: req.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4599,
    path: req.path,
    query: { ...req.query },
    headers: { host: '127.0.0.1:4599', ...req.headers },
    ...(req.body === undefined ? {} : { body: req.body }),
  };
  const out =
    how.mode === 'header'
      ? await signer.sign(request, { signingDate: how.date })
      : await signer.presign(request, { signingDate: how.date, expiresIn: how.expiresIn ?? 900 });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(out.headers)) headers[name.toLowerCase()] = value;
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(out.query ?? {})) if (value !== null) query[name] = value;
  return { method: out.method, path: out.path, query, headers, body: req.body ?? '' };
}
