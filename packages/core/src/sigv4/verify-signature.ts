import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Clock } from '../deps.js';
import { constantTimeEqual } from './constant-time.js';
import { checkRequestTime } from './request-time.js';
import { headerValue } from './types.js';
import type { SignedRequest, SigV4Claim } from './types.js';

type SmithyRequest = Parameters<SignatureV4['presign']>[0];

/*
 * We never compute SigV4 ourselves: we rebuild the request exactly as the client signed it
 * (only its signed headers, same date, region, service, query and body) and let
 * @smithy/signature-v4 — the signer the JS SDK itself uses — sign or presign it again with
 * the secret, then compare the two signatures in constant time. Known gap: a request dated
 * only by the HTTP Date header (no X-Amz-Date, which every AWS SDK sends) never verifies,
 * because SignatureV4.sign always signs an X-Amz-Date of its own.
 */

/**
 * True when `claim`'s signature is what `secretAccessKey` produces for `req`; false for any
 * mismatch (tampered body, header or query; wrong secret or token). Throws
 * SignatureDoesNotMatchError when the request is outside AWS's 15-minute window.
 */
export async function verifySignature(
  req: SignedRequest,
  claim: SigV4Claim,
  secretAccessKey: string,
  clock: Clock,
): Promise<boolean> {
  checkRequestTime(claim, clock.now());
  if (!payloadHashHolds(req)) return false;
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    const value = headerValue(req, name);
    if (value === undefined) return false;
    headers[name] = value;
  }
  const signer = new SignatureV4({
    service: claim.service,
    region: claim.region,
    credentials: { accessKeyId: claim.accessKeyId, secretAccessKey },
    sha256: Sha256,
    // The client's own x-amz-content-sha256 is among `headers` when it signed one; never add one.
    applyChecksum: false,
  });
  const request: SmithyRequest = {
    method: req.method.toUpperCase(),
    protocol: 'https:',
    hostname: headers.host ?? 'localhost',
    path: req.path,
    query: { ...req.query },
    headers,
    body: req.body,
  };
  // Headers the signer would otherwise drop (user-agent...) or hoist into the query (x-amz-*)
  // stay where the client had them: the client decided they were signed.
  const signed = new Set(claim.signedHeaders);
  let expected: string | undefined;
  let expectedHeaders: string | undefined;
  if (claim.kind === 'header') {
    // Session tokens stay in `headers` when signed, so credentials carry none (sign would add one).
    const out = await signer.sign(request, { signingDate: claim.date, signableHeaders: signed });
    const auth = /SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)/.exec(String(out.headers.authorization));
    [, expectedHeaders, expected] = auth ?? [];
  } else {
    delete request.query?.['X-Amz-Signature'];
    const out = await signer.presign(request, {
      signingDate: claim.date,
      expiresIn: claim.expiresSeconds ?? 0,
      signableHeaders: signed,
      unhoistableHeaders: signed,
    });
    expected = String(out.query?.['X-Amz-Signature']);
    expectedHeaders = String(out.query?.['X-Amz-SignedHeaders']);
  }
  return expectedHeaders === claim.signedHeaders.join(';') && constantTimeEqual(expected ?? '', claim.signature);
}

/**
 * x-amz-content-sha256, when sent, is what the signature covers instead of the body; unless
 * it says UNSIGNED-PAYLOAD it must be the body's real hash, or a swapped body would verify.
 */
function payloadHashHolds(req: SignedRequest): boolean {
  const declared = headerValue(req, 'x-amz-content-sha256');
  if (declared === undefined || declared === 'UNSIGNED-PAYLOAD') return true;
  return declared === createHash('sha256').update(req.body).digest('hex');
}
