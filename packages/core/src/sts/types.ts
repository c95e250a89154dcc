import type { DecisionDraft } from '../audit/decision-draft.js';
import type { CoreConfig } from '../config.js';
import type { Deps } from '../deps.js';
import type { Caller } from '../sigv4/index.js';
import type { SessionContext, SessionRecord, Store, Tag } from '../store/index.js';

/** What every STS action needs: the store, time and randomness, and where this fake AWS lives. */
export interface StsContext {
  store: Store;
  deps: Deps;
  config: CoreConfig;
  /** The decision being recorded, when someone records it: actions note what they learn in it. */
  audit?: DecisionDraft;
  /** Decide but store nothing: `eksid explain` runs the real actions this way. */
  dryRun?: boolean;
}

/** Who called and from where; feeds aws:SourceIp and friends. */
export interface StsRequest {
  caller: Caller<SessionRecord>;
  sourceIp: string;
}

/** The session context STS writes; session policies live in the store's SessionContext. */
export type StsSessionContext = SessionContext;

// Wire field names as in botocore's sts/2011-06-15 model, so the server renders these as is.

export interface Credentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

export interface AssumedRoleUser {
  AssumedRoleId: string;
  Arn: string;
}

export interface AssumeRoleWithWebIdentityInput {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  ProviderId?: string;
  PolicyArns?: string[];
  Policy?: string;
  DurationSeconds?: number;
}

export interface AssumeRoleWithWebIdentityResult {
  SubjectFromWebIdentityToken: string;
  Audience: string;
  AssumedRoleUser: AssumedRoleUser;
  Credentials: Credentials;
  SourceIdentity?: string;
  Provider: string;
  PackedPolicySize?: number;
}

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  ExternalId?: string;
  Policy?: string;
  PolicyArns?: string[];
  Tags?: Tag[];
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
  /** MFA is accepted and not checked: eksid has no MFA devices. */
  SerialNumber?: string;
  TokenCode?: string;
}

export interface AssumeRoleResult {
  SourceIdentity?: string;
  AssumedRoleUser: AssumedRoleUser;
  Credentials: Credentials;
  PackedPolicySize?: number;
}

export interface GetCallerIdentityResult {
  UserId: string;
  Account: string;
  Arn: string;
}
