/** Where this eksid lives in the fake AWS: one account, one region, one public URL. */
export interface CoreConfig {
  accountId: string;
  region: string;
  partition: string;
  /** Base URL clients and issuers are reached at, e.g. http://127.0.0.1:4599 (no trailing slash). */
  publicUrl: string;
  /** Register and fetch http:// issuers on any host, not just loopback (`eksid up --allow-http-issuers`). */
  allowHttpIssuers: boolean;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

export function coreConfig(overrides: Partial<CoreConfig> = {}): CoreConfig {
  const publicUrl = (overrides.publicUrl ?? 'http://127.0.0.1:4599').replace(/\/+$/, '');
  return {
    accountId: overrides.accountId ?? DEFAULT_ACCOUNT_ID,
    region: overrides.region ?? DEFAULT_REGION,
    partition: overrides.partition ?? 'aws',
    publicUrl,
    allowHttpIssuers: overrides.allowHttpIssuers ?? false,
  };
}
