/**
 * Python the boto3 replays (terraform, eksctl and EKS lifecycles) share, put at the top of their
 * scripts: `error(lambda: …)` gives a call's AWS error as [code, message], or None when it
 * succeeds; `doc(…)` makes a policy document of statements.
 */
export const BOTO3_HELPERS = `
import json
from botocore.exceptions import ClientError
def error(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message']]
def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})
`;
