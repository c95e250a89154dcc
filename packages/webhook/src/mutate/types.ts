// Kubernetes shapes as the webhook sees them: only the fields it reads are typed; every other
// field is carried through untouched (index signatures), which is the point of eksid's minimal
// patches (upstream #114/#165/#208 lost fields by round-tripping containers through Go structs).

export interface EnvVar {
  name: string;
  value?: string;
  [field: string]: unknown;
}

export interface VolumeMount {
  name: string;
  readOnly?: boolean;
  mountPath?: string;
  [field: string]: unknown;
}

export interface Container {
  name: string;
  env?: EnvVar[] | null;
  volumeMounts?: VolumeMount[] | null;
  [field: string]: unknown;
}

export interface Volume {
  name: string;
  [field: string]: unknown;
}

export interface PodMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  [field: string]: unknown;
}

export interface PodSpec {
  serviceAccountName?: string;
  containers?: Container[] | null;
  initContainers?: Container[] | null;
  volumes?: Volume[] | null;
  nodeSelector?: Record<string, string> | null;
  [field: string]: unknown;
}

export interface Pod {
  metadata?: PodMetadata | null;
  spec?: PodSpec | null;
  [field: string]: unknown;
}

/** The only operation the webhook emits (RFC 6902 "add"; on an existing member it replaces). */
export interface JsonPatchOp {
  op: 'add';
  path: string;
  value: unknown;
}

/** Pod Identity ("container credentials") settings; upstream flags --container-credentials-*. */
export interface ContainerCredentialsSettings {
  fullUri: string;
  audience: string;
  mountPath: string;
  volumeName: string;
  tokenPath: string;
}

/** The part of the webhook configuration that decides what a pod gets. */
export interface MutationSettings {
  annotationPrefix: string;
  /** Default IRSA audience (--token-audience), overridable per service account. */
  tokenAudience: string;
  /** IRSA mount directory (--token-mount-path). */
  tokenMountPath: string;
  /** Default expiration in seconds (--token-expiration), already raised to the minimum. */
  tokenExpiration: number;
  /** --aws-default-region; "" injects no region variables. */
  region: string;
  /** --sts-regional-endpoint, overridable per service account. */
  stsRegionalEndpoint: boolean;
  containerCredentials: ContainerCredentialsSettings;
}

/** Draws an integer in [0, maxExclusive); injected so jitter is deterministic in tests. */
export type RandomInt = (maxExclusive: number) => number;
