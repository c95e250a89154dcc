/**
 * The declarative config `eksid up --config` and `eksid apply -f` take (see examples/demo.yaml).
 * Lists, not maps, so order is kept and paths read `roles[1].trustPolicy`.
 */
export interface ApplyDocument {
  /** When given, must be the account this eksid serves (`eksid up` adopts it by default). */
  account?: string;
  clusters: ClusterDecl[];
  oidcProviders: OidcProviderDecl[];
  roles: RoleDecl[];
  /** Absent when the document declares none. */
  podIdentityAssociations?: PodIdentityAssociationDecl[];
}

export interface ClusterDecl {
  name: string;
  version?: string;
  tags?: Record<string, string>;
  serviceAccounts: ServiceAccountDecl[];
}

export interface ServiceAccountDecl {
  namespace: string;
  name: string;
  annotations: Record<string, string>;
}

/** Registers a cluster's issuer as an IAM OIDC provider (what `eksctl utils associate-iam-oidc-provider` does). */
export interface OidcProviderDecl {
  cluster: string;
  /** Default [sts.amazonaws.com], the audience of IRSA tokens. */
  clientIds: string[];
  thumbprints?: string[];
}

export type TrustPolicyDecl =
  /** The standard IRSA trust policy for one service account (EKS user guide, associate-service-account-role). */
  | { kind: 'irsa'; cluster: string; namespace: string; serviceAccount: string; audience: string }
  /** The EKS Pod Identity trust policy; with a cluster, limited to it by aws:SourceAccount/aws:SourceArn. */
  | { kind: 'podIdentity'; cluster?: string }
  | { kind: 'document'; document: Record<string, unknown> };

export interface RoleDecl {
  name: string;
  path?: string;
  description?: string;
  maxSessionDuration?: number;
  tags?: Record<string, string>;
  trustPolicy: TrustPolicyDecl;
  /** Absent: the role's policies are left as they are. Present: they become exactly these. */
  policies?: { inline: Record<string, Record<string, unknown>>; managed: string[] };
}

/** An EKS Pod Identity association (CreatePodIdentityAssociation); `role`/`targetRole` are names in this account or ARNs. */
export interface PodIdentityAssociationDecl {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  role: string;
  targetRole?: string;
  disableSessionTags?: boolean;
  tags?: Record<string, string>;
}
