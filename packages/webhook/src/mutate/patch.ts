// Builds the JSON patch for a pod. Decisions follow upstream's pkg/handler/handler.go (pinned by
// the webhook's test/fixtures), but the operations are granular: upstream
// re-serialises whole container arrays through Go structs, which drops fields its client
// library does not know (upstream #114/#165/#208). eksid only appends what is missing.
import { ENV, POD_IDENTITY_LABEL } from './constants.js';
import type { PodCredentials } from './credentials.js';
import type { Container, EnvVar, JsonPatchOp, Pod } from './types.js';

/** RFC 6901 escaping of one reference token. */
function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

// A scan, not a Set of names: these lists are short and admission runs hot (pnpm bench).
function hasName(list: readonly unknown[] | null | undefined, name: string): boolean {
  if (!Array.isArray(list)) return false;
  for (const item of list) {
    if (item !== null && typeof item === 'object' && (item as { name?: unknown }).name === name) return true;
  }
  return false;
}

function hasAnyName(list: readonly unknown[] | null | undefined, wanted: readonly EnvVar[]): boolean {
  for (const env of wanted) if (hasName(list, env.name)) return true;
  return false;
}

/** Appends items to an array member, creating the member when it is absent or null. */
function appendOps(ops: JsonPatchOp[], path: string, current: unknown, items: readonly unknown[]): void {
  if (items.length === 0) return;
  if (!Array.isArray(current)) {
    ops.push({ op: 'add', path, value: [...items] });
    return;
  }
  const member = `${path}/-`;
  for (const value of items) ops.push({ op: 'add', path: member, value });
}

function envToAdd(container: Container, credentials: PodCredentials): EnvVar[] | undefined {
  const { env } = container;
  const hasCredentials = hasAnyName(env, credentials.credentialEnv);
  const hasRegion = hasName(env, ENV.region) || hasName(env, ENV.defaultRegion);
  const hasSts = hasName(env, ENV.stsRegionalEndpoints);
  // Upstream leaves a container that already defines everything completely alone, without even
  // the volume mount, whether or not region/STS injection is enabled (fixture
  // irsa/container-already-configured).
  if (hasCredentials && hasRegion && hasSts) return undefined;
  return [
    ...(hasSts ? [] : credentials.stsEnv),
    ...(hasRegion ? [] : credentials.regionEnv),
    ...(hasCredentials ? [] : credentials.credentialEnv),
  ];
}

function addContainerOps(ops: JsonPatchOp[], container: Container, base: string, credentials: PodCredentials): void {
  const env = envToAdd(container, credentials);
  if (env === undefined) return;
  appendOps(ops, `${base}/env`, container.env, env);
  // Only the mount's name is checked: an existing mount of that name stays where it is, even at
  // another path (fixtures irsa/keeps-existing-token-volume, pod-identity/keeps-own-token-mount).
  if (!hasName(container.volumeMounts, credentials.token.volumeName)) {
    const mount = { name: credentials.token.volumeName, readOnly: true, mountPath: credentials.token.mountPath };
    appendOps(ops, `${base}/volumeMounts`, container.volumeMounts, [mount]);
  }
}

function tokenVolume(credentials: PodCredentials): unknown {
  const { audience, expirationSeconds, path } = credentials.token;
  // An empty audience is left out so the API server applies its own default.
  const serviceAccountToken = audience === '' ? { expirationSeconds, path } : { audience, expirationSeconds, path };
  return { name: credentials.token.volumeName, projected: { sources: [{ serviceAccountToken }] } };
}

const CONTAINER_KINDS = ['containers', 'initContainers'] as const;
const POD_IDENTITY_LABEL_PATH = `/metadata/labels/${pointerToken(POD_IDENTITY_LABEL)}`;

/**
 * The patch for a pod that gets `credentials`. `skip` names containers (init or regular) left
 * untouched (pod annotation skip-containers).
 */
export function buildPodPatch(pod: Pod, credentials: PodCredentials, skip: ReadonlySet<string>): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (credentials.mode === 'pod-identity') {
    const labels = pod.metadata?.labels;
    ops.push(labels === undefined || labels === null
      ? { op: 'add', path: '/metadata/labels', value: { [POD_IDENTITY_LABEL]: 'enabled' } }
      : { op: 'add', path: POD_IDENTITY_LABEL_PATH, value: 'enabled' });
  }
  const volumes = pod.spec?.volumes;
  if (!hasName(volumes, credentials.token.volumeName)) {
    // Upstream prepends (path /spec/volumes/0); kept so volume order matches upstream's pods.
    ops.push(Array.isArray(volumes)
      ? { op: 'add', path: '/spec/volumes/0', value: tokenVolume(credentials) }
      : { op: 'add', path: '/spec/volumes', value: [tokenVolume(credentials)] });
  }
  for (const kind of CONTAINER_KINDS) {
    const containers = pod.spec?.[kind];
    if (!Array.isArray(containers)) continue;
    for (let index = 0; index < containers.length; index++) {
      const container = containers[index];
      if (container === null || typeof container !== 'object' || skip.has(container.name)) continue;
      addContainerOps(ops, container, `/spec/${kind}/${index}`, credentials);
    }
  }
  return ops;
}
