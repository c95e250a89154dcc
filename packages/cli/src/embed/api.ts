// The embedding API of the `eksid` package: types only, self-contained (no imports), because
// this file is also the package's published index.d.ts (build.mjs adds the one declaration
// below). start-eksid.ts implements it and is checked against StartEksid by the compiler.

/**
 * A config document as `eksid up --config` reads it (see examples/demo.yaml): `account`,
 * `clusters` (with `serviceAccounts`), `oidcProviders`, `roles`, `podIdentityAssociations`.
 * Validated when applied; a mistake is reported with its path (`roles[1].trustPolicy: …`).
 */
export type EksidConfig = Readonly<Record<string, unknown>>;

export interface StartEksidOptions {
  /** A config file (YAML or JSON; relative to the working directory) or a parsed document, applied at start. */
  config?: string | EksidConfig;
  /** Default 0: a free port, so many instances run side by side. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A data directory, or `:memory:` (the default) for a store that goes away with close(). */
  data?: string;
  /** The URL issuers and clients use, when they reach eksid through a proxy or port mapping. */
  publicUrl?: string;
  /**
   * More names eksid answers to in the Host header (e.g. `host.docker.internal` for containers
   * calling back). Loopback names and the public URL's host are always answered; others get 403.
   */
  allowedHosts?: readonly string[];
  /** Default: the config's `account`, else 000000000000. */
  account?: string;
  /** Default us-east-1. */
  region?: string;
  /**
   * Require a valid SigV4 signature wherever AWS does: unsigned calls and keys eksid did not
   * issue are refused; sign with `rootCredentials` (default: any key acts as the account root).
   */
  strictSignatures?: boolean;
  /** The account root's key pair; default: created with the data (read it back from `rootCredentials`). */
  rootCredentials?: AccessKey;
  /** The token eksid's own API (/_eksid) asks for; default: one made with the data (random for `:memory:`). */
  adminToken?: string;
  /**
   * Evaluate IAM and EKS calls against the caller's identity policies, like LocalStack's
   * ENFORCE_IAM: the account root may do anything, temporary credentials only what their role's
   * policies allow (default: every caller may do everything).
   */
  enforceIam?: boolean;
  /** pino level names; default 'silent' (eksid's log would otherwise mix with your test output). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface TokenRequest {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** Default sts.amazonaws.com, the audience IRSA tokens carry. */
  audience?: string | readonly string[];
  /** 600 to 2^32; default 86400, as the webhook projects. */
  expirationSeconds?: number;
  /** Binds the token to a pod of this name (EKS Auth needs the pod claims). */
  pod?: string;
}

export interface IrsaEnvRequest {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** Default: the service account's eks.amazonaws.com/role-arn annotation, as the webhook reads it. */
  roleArn?: string;
  /** Where the token is written, as kubelet projects it; it becomes AWS_WEB_IDENTITY_TOKEN_FILE. */
  tokenFile: string;
  pod?: string;
  expirationSeconds?: number;
}

export interface PodIdentityEnvRequest {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** Where the token is written; it becomes AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. */
  tokenFile: string;
  /** Default `<serviceAccount>-pod`. */
  pod?: string;
}

/** What applying a config did: one entry per declared resource. */
export interface ApplyResult {
  created: number;
  updated: number;
  unchanged: number;
  changes: { kind: string; name: string; action: 'created' | 'updated' | 'unchanged'; details?: string[] }[];
}

/** A long-term AWS key pair. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Eksid {
  /** Where AWS SDKs reach it: use as AWS_ENDPOINT_URL (e.g. http://127.0.0.1:41263). */
  readonly endpoint: string;
  readonly accountId: string;
  readonly region: string;
  /** The account root's key pair: calls signed with it act as arn:aws:iam::<account>:root (what strict mode needs). */
  readonly rootCredentials: AccessKey;
  /**
   * The token eksid's own API (/_eksid: keys, tokens, events) asks for in the
   * X-Eksid-Admin-Token header; give it to `eksid` commands as EKSID_ADMIN_TOKEN.
   */
  readonly adminToken: string;
  /** The OIDC issuer URL of a cluster (what `aws eks describe-cluster` answers). */
  issuer(cluster: string): string;
  /** A service-account JWT signed by the cluster's issuer key, like `eksid token`. */
  token(request: TokenRequest): Promise<string>;
  /**
   * Writes an IRSA token to `tokenFile` and returns the env the webhook injects into such a
   * pod (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, region) plus AWS_ENDPOINT_URL.
   */
  irsaEnv(request: IrsaEnvRequest): Promise<Record<string, string>>;
  /**
   * Writes a Pod Identity token to `tokenFile`, starts (once per cluster) a Pod Identity agent
   * on loopback, and returns the env the webhook injects (AWS_CONTAINER_CREDENTIALS_FULL_URI,
   * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, region) plus AWS_ENDPOINT_URL.
   */
  podIdentityEnv(request: PodIdentityEnvRequest): Promise<Record<string, string>>;
  /** Applies a config file or document, idempotently, like `eksid apply -f`. */
  apply(config: string | EksidConfig): Promise<ApplyResult>;
  /** Stops the server and any agents; the store goes away unless it is a data directory. */
  close(): Promise<void>;
}

export type StartEksid = (options?: StartEksidOptions) => Promise<Eksid>;
