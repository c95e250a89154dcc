import { EksAuthResponseError, faultOf } from './eks-auth-errors.js';
import type { RawResponse } from './http-attempt.js';
import { accountIdFromArn } from './model.js';
import type { PodCredentials } from './model.js';

/** Reading EKS Auth responses the way aws-sdk-go-v2's generated rest-json deserializers do. */

const OPERATION = 'operation error EKS Auth: AssumeRoleForPodIdentity';

function requestIdOf(raw: RawResponse): string {
  const id = raw.headers['x-amzn-requestid'];
  return typeof id === 'string' ? id : '';
}

/** Go's restjson.SanitizeErrorCode: drop `:...` suffixes and `namespace#` prefixes. */
function sanitizeErrorCode(code: string): string {
  const beforeColon = code.split(':')[0] ?? '';
  return beforeColon.slice(beforeColon.lastIndexOf('#') + 1);
}

export function parseErrorResponse(raw: RawResponse): EksAuthResponseError {
  const requestId = requestIdOf(raw);
  const prefix = `${OPERATION}, https response error StatusCode: ${raw.status}, RequestID: ${requestId}`;
  let doc: Record<string, unknown> = {};
  if (raw.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw.body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) doc = parsed as Record<string, unknown>;
    } catch (err) {
      // A body that is not JSON is a deserialization error: no API error, just `[reqId]`.
      return new EksAuthResponseError(raw.status, requestId, undefined, `${prefix}, failed to decode response body`, { cause: err });
    }
  }
  const header = raw.headers['x-amzn-errortype'];
  const bodyCode = [doc['code'], doc['__type']].find((v): v is string => typeof v === 'string');
  const rawCode = typeof header === 'string' && header !== '' ? header : bodyCode;
  const code = rawCode === undefined ? 'UnknownError' : sanitizeErrorCode(rawCode);
  const bodyMessage = [doc['message'], doc['Message'], doc['errorMessage']].find((v): v is string => typeof v === 'string');
  const message = bodyMessage ?? code;
  return new EksAuthResponseError(raw.status, requestId, { code, message, fault: faultOf(code) }, `${prefix}, ${code}: ${message}`);
}

/** The 200 body; missing pieces are errors as in internal/cloud/eksauth/service.go. */
export function parseSuccessResponse(raw: RawResponse): PodCredentials {
  let doc: Record<string, Record<string, unknown> | undefined>;
  try {
    doc = JSON.parse(raw.body) as typeof doc;
    if (typeof doc !== 'object' || doc === null) throw new TypeError('response body is not a JSON object');
  } catch (err) {
    // Go wraps deserialization failures in the ResponseError of the (successful) response.
    throw new EksAuthResponseError(raw.status, requestIdOf(raw), undefined, `${OPERATION}, deserialization failed`, { cause: err });
  }
  const creds = doc['credentials'];
  const user = doc['assumedRoleUser'];
  if (typeof creds !== 'object' || creds === null || typeof user !== 'object' || user === null) {
    throw new Error(`invalid response from server: credentials or assumed role empty: ${raw.body}`);
  }
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const expiration = creds['expiration'];
  if (typeof expiration !== 'number') throw new Error(`invalid response from server: credentials expiration is not a timestamp: ${String(expiration)}`);
  const roleArn = str(user['arn']);
  return {
    accessKeyId: str(creds['accessKeyId']),
    secretAccessKey: str(creds['secretAccessKey']),
    sessionToken: str(creds['sessionToken']),
    accountId: accountIdFromArn(roleArn),
    // smithy-go ParseEpochSeconds keeps millisecond precision.
    expiration: Math.trunc(expiration * 1000),
    roleArn,
    roleId: str(user['assumeRoleId']),
    associationId: str(doc['podIdentityAssociation']?.['associationId']),
  };
}
