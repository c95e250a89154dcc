/** Rows as the domain sees them. Times are Date; JSON columns are parsed. */

export interface Tag {
  Key: string;
  Value: string;
}

export interface ClusterRecord {
  accountId: string;
  name: string;
  arn: string;
  oidcId: string;
  createdAt: Date;
  /** The create request's remaining fields (version, roleArn, tags, resourcesVpcConfig...). */
  spec: Record<string, unknown>;
}

export interface SigningKeyRecord {
  kid: string;
  clusterName: string;
  alg: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
  createdAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
}

export interface ServiceAccountRecord {
  clusterName: string;
  namespace: string;
  name: string;
  uid: string;
  annotations: Record<string, string>;
}

export interface OidcProviderRecord {
  arn: string;
  accountId: string;
  /** host + path without the scheme, exactly as IAM stores it. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  tags: Tag[];
  createdAt: Date;
}

export interface RoleRecord {
  accountId: string;
  name: string;
  roleId: string;
  path: string;
  arn: string;
  /** The trust policy JSON text as given (IAM returns it URL-encoded). */
  assumeRolePolicy: string;
  description: string | null;
  maxSessionDuration: number;
  permissionsBoundary: string | null;
  tags: Tag[];
  createdAt: Date;
}

export interface InstanceProfileRecord {
  accountId: string;
  name: string;
  instanceProfileId: string;
  path: string;
  arn: string;
  /** The one role it holds (IAM's quota is one), or null. */
  roleName: string | null;
  tags: Tag[];
  createdAt: Date;
}

export interface ManagedPolicyRecord {
  arn: string;
  accountId: string;
  name: string;
  policyId: string;
  path: string;
  description: string | null;
  /** The default version's document. */
  document: string;
  defaultVersionId: string;
  tags: Tag[];
  createdAt: Date;
  updatedAt: Date;
}

/** One version of a customer managed policy. */
export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createdAt: Date;
}

/** What a session carries into later decisions (SigV4 callers, role chaining). */
export interface SessionContext {
  /** Session tags become aws:PrincipalTag/<key>; keys keep the case they were given. */
  principalTags?: Record<string, string>;
  /** Keys of principalTags that pass on to chained sessions. */
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** For web-identity sessions: the provider's ARN, aws:FederatedProvider of later calls. */
  federatedProvider?: string;
  /** Session policies given when the session was made; they narrow what it may do later. */
  sessionPolicy?: string;
  /** Managed session policies by ARN, read when used as AWS reads a policy's current version. */
  sessionPolicyArns?: string[];
}

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  accountId: string;
  arn: string;
  userId: string;
  roleArn: string;
  sessionName: string;
  context: SessionContext;
  createdAt: Date;
  /** A GetSessionToken session of the account root: it acts as the root (arn and roleArn are the root's). */
  root?: true;
}

/** What a session is before it has a secret and a token: what its token seals (sessions.ts). */
export type SessionFacts = Omit<SessionRecord, 'secretAccessKey' | 'sessionToken'>;

export interface PodIdentityAssociationRecord {
  associationId: string;
  accountId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  /** EKS tags are a map, unlike IAM's list. */
  tags: Record<string, string>;
  disableSessionTags: boolean;
  targetRoleArn: string | null;
  externalId: string | null;
  policy: string | null;
  ownerArn: string | null;
  clientRequestToken: string | null;
  /** Digest of the create request's parameters, to tell a retry from a reuse of its token (null for rows made before it was kept). */
  requestDigest: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

export interface AddonRecord {
  accountId: string;
  clusterName: string;
  addonName: string;
  addonVersion: string;
  addonArn: string;
  serviceAccountRoleArn: string | null;
  configurationValues: string | null;
  tags: Record<string, string>;
  createdAt: Date;
  modifiedAt: Date;
}

/** One `UpdateParam` ({ type, value }) of an update, as EKS lists them. */
export interface UpdateParamRecord {
  type: string;
  value: string;
}

/** An EKS update (eks_updates): what was asked of an add-on (addonName) or of the cluster itself (null). */
export interface UpdateRecord {
  accountId: string;
  clusterName: string;
  id: string;
  addonName: string | null;
  type: string;
  params: UpdateParamRecord[];
  clientRequestToken: string | null;
  /** idempotency.ts requestDigest of the request that made it: kept, never shown. */
  requestDigest: string;
  createdAt: Date;
}
