/** What EKS Auth gave us for one token, in the shape the cache and handler need. */
export interface PodCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Parsed from assumedRoleUser.arn (internal/cloud/eksauth/service.go). */
  accountId: string;
  /** Epoch milliseconds. */
  expiration: number;
  roleArn: string;
  roleId: string;
  associationId: string;
}

/** The container-credentials document the agent serves (pkg/credentials/model.go). */
export interface CredentialsDocument {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  Token?: string;
  AccountId?: string;
  Expiration: string;
}

export function toCredentialsDocument(creds: PodCredentials): CredentialsDocument {
  // Go's `omitempty` drops empty strings; key order follows the Go struct.
  const doc: Record<string, string> = {};
  if (creds.accessKeyId !== '') doc['AccessKeyId'] = creds.accessKeyId;
  if (creds.secretAccessKey !== '') doc['SecretAccessKey'] = creds.secretAccessKey;
  if (creds.sessionToken !== '') doc['Token'] = creds.sessionToken;
  if (creds.accountId !== '') doc['AccountId'] = creds.accountId;
  doc['Expiration'] = formatExpiration(creds.expiration);
  return doc as unknown as CredentialsDocument;
}

/**
 * Go's time.RFC3339Nano in UTC: trailing zeros of the fraction are dropped, and the dot with
 * them when it is zero. The JS SDK insists on the `Z` suffix (credential-provider-http
 * requestHelpers.ts), which UTC gives us.
 */
export function formatExpiration(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}

/** The account of `arn:partition:service:region:account:resource`, like aws/arn.Parse. */
export function accountIdFromArn(arn: string): string {
  const parts = arn.split(':');
  if (parts[0] !== 'arn') throw new Error('unable to parse arn from assumed role: arn: invalid prefix');
  if (parts.length < 6) throw new Error('unable to parse arn from assumed role: arn: not enough sections');
  return parts[4] as string;
}
