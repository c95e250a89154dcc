import { SignatureDoesNotMatchError } from '../sts/errors.js';
import type { SigV4Claim } from './types.js';

/*
 * AWS accepts a signed request for 15 minutes either side of its X-Amz-Date ("RequestExpired"
 * in every service's Common Errors page), answering 403 SignatureDoesNotMatch with e.g.
 *   Signature expired: 20160609T184512Z is now earlier than 20160610T013008Z (20160610T014508Z - 15 min.)
 *   Signature not yet current: 20210502T183640Z is still later than 20210502T175140Z (20210502T173640Z + 15 min.)
 * (wording from devsecops/bootcamp#101 and scratchstack-aws-signature's SignatureError docs).
 * Presigned STS URLs get the same window: STS ignores X-Amz-Expires, so a URL presigned for
 * 60 s (aws-iam-authenticator, `aws eks get-token`) still works for 15 minutes and one for an
 * hour does not (aws/aws-sdk-go#2167, kubernetes-sigs/aws-iam-authenticator#160).
 */
const WINDOW_MS = 15 * 60 * 1000;

/** Throws SignatureDoesNotMatchError when the claimed date is outside AWS's 15-minute window. */
export function checkRequestTime(claim: SigV4Claim, now: Date): void {
  const signedAt = claim.date.getTime();
  if (signedAt > now.getTime() + WINDOW_MS) {
    const limit = new Date(now.getTime() + WINDOW_MS);
    throw new SignatureDoesNotMatchError(
      `Signature not yet current: ${amzDate(claim.date)} is still later than ${amzDate(limit)} (${amzDate(now)} + 15 min.)`,
    );
  }
  if (signedAt < now.getTime() - WINDOW_MS) {
    const limit = new Date(now.getTime() - WINDOW_MS);
    throw new SignatureDoesNotMatchError(
      `Signature expired: ${amzDate(claim.date)} is now earlier than ${amzDate(limit)} (${amzDate(now)} - 15 min.)`,
    );
  }
}

/** ISO-8601 basic format, as in X-Amz-Date: 20240101T000000Z. */
function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}
