import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

/*
 * GetSessionToken, GetAccessKeyInfo and DecodeAuthorizationMessage with boto3, really signed:
 * the session credentials are then used as a client would (GetCallerIdentity, an IAM call, and
 * GetSessionToken again, which STS refuses for session credentials).
 */
const SCRIPT = String.raw`
import boto3, json
from botocore.exceptions import ClientError
out = {}
def err(e):
    return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
sts = boto3.client("sts")
c = sts.get_session_token(DurationSeconds=900)["Credentials"]
out["key"] = c["AccessKeyId"]
keys = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
session_sts = boto3.client("sts", **keys)
out["identity"] = {k: v for k, v in session_sts.get_caller_identity().items() if k != "ResponseMetadata"}
out["roles"] = boto3.client("iam", **keys).list_roles()["ResponseMetadata"]["HTTPStatusCode"]
try:
    session_sts.get_session_token()
except ClientError as e:
    out["again"] = err(e)
try:
    sts.get_session_token(DurationSeconds=129601)
except ClientError as e:
    out["too_long"] = err(e)
out["account"] = sts.get_access_key_info(AccessKeyId=c["AccessKeyId"])["Account"]
out["other_account"] = sts.get_access_key_info(AccessKeyId="ASIAY34FZKBOKMUTVV7A")["Account"]
try:
    sts.decode_authorization_message(EncodedMessage="abc")
except ClientError as e:
    out["decode"] = err(e)
print(json.dumps(out))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('STS GetSessionToken, GetAccessKeyInfo, DecodeAuthorizationMessage with boto3', () => {
  let eksid: EksidProcess;
  beforeAll(async () => {
    eksid = await startEksid();
  });
  afterAll(async () => eksid?.stop());

  it('should issue root session credentials eksid honours, refuse them a second GetSessionToken, and answer the key and message calls', async () => {
    const result = await run('python3', ['-c', SCRIPT], isolatedAwsEnv(eksid.url, ROOT_KEYS));
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.key).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.identity).toEqual({ UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    expect(out.roles).toBe(200);
    expect(out.again).toEqual({ code: 'AccessDenied', status: 403, message: 'Cannot call GetSessionToken with session credentials' });
    expect(out.too_long).toEqual({
      code: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
    });
    expect(out.account).toBe('000000000000');
    expect(out.other_account).toBe('609629065308');
    expect(out.decode).toEqual({ code: 'InvalidAuthorizationMessageException', status: 400, message: 'The message passed to DecodeAuthorizationMessage was invalid.' });
  });
});
