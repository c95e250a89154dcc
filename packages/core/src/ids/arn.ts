/*
 * ARN layout: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, where RESOURCE may itself hold
 * ':' and '/'. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * IAM and STS are global, so their ARNs have an empty region.
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN, or undefined when `s` is not one (outside data: never throws). */
export function parseArn(s: string): Arn | undefined {
  const match = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s.exec(s);
  if (!match) return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = match;
  return { partition, service, region, account, resource };
}

function checkPath(path: string): void {
  // IAM paths begin and end with '/'; anything else is a caller bug, not client input.
  if (!path.startsWith('/') || !path.endsWith('/')) throw new TypeError(`IAM path must start and end with '/', got '${path}'`);
}

/** Path '/' → role/NAME; path '/a/b/' → role/a/b/NAME. */
export function roleArn(partition: string, account: string, path: string, name: string): string {
  checkPath(path);
  return `arn:${partition}:iam::${account}:role${path}${name}`;
}

/** Customer managed policy ARN; same path rules as roles. */
export function policyArn(partition: string, account: string, path: string, name: string): string {
  checkPath(path);
  return `arn:${partition}:iam::${account}:policy${path}${name}`;
}

/** Instance profile ARN; same path rules as roles: instance-profile/PATH+NAME. */
export function instanceProfileArn(partition: string, account: string, path: string, name: string): string {
  checkPath(path);
  return `arn:${partition}:iam::${account}:instance-profile${path}${name}`;
}

/**
 * The caller ARN after AssumeRole*: AWS drops the role's path here
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 */
export function assumedRoleArn(partition: string, account: string, roleName: string, sessionName: string): string {
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

/**
 * IAM names an OIDC provider by its issuer URL without the scheme, e.g.
 * oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC; a leading https:// is dropped.
 */
export function oidcProviderArn(partition: string, account: string, urlHostPath: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${urlHostPath.replace(/^https:\/\//, '')}`;
}

export function clusterArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:eks:${region}:${account}:cluster/${name}`;
}

/** The account principal, e.g. what GetCallerIdentity reports for root credentials. */
export function rootArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:root`;
}
