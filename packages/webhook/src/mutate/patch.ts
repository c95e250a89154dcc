// Builds the JSON patch for a pod. Decisions follow upstream (pkg/handler/handler.go, pinned by
// the fixtures in shared/conformance/webhook), but the operations are granular: upstream
// re-serialises whole container arrays through Go structs, which drops fields its client
// library does not know (upstream #114/#165/#208). eksid only appends what is missing.
import { ENV, POD_IDENTITY_LABEL } from './constants.js';
import type { PodCredentials } from './credentials.js';
import type { Container, EnvVar, JsonPatchOp, Pod } from './types.js';

/** RFC 6901 escaping of one reference token. */
function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function namesOf(list: readonly unknown[] | null | undefined): Set<unknown> {
  const names = new Set<unknown>();
  for (const item of Array.isArray(list) ? list : []) {
    if (item !== null && typeof item === 'object') names.add((item as { name?: unknown }).name);
  }
  return names;
}

/** Appends items to an array member, creating the member when it is absent or null. */
function appendOps(path: string, current: unknown, items: readonly unknown[]): JsonPatchOp[] {
  if (items.length === 0) return [];
  if (!Array.isArray(current)) return [{ op: 'add', path, value: [...items] }];
  return items.map((value) => ({ op: 'add', path: `${path}/-`, value }));
}

function envToAdd(container: Container, credentials: PodCredentials): EnvVar[] | undefined {
  const names = namesOf(container.env);
  const hasCredentials = credentials.credentialEnv.some((env) => names.has(env.name));
  const hasRegion = names.has(ENV.region) || names.has(ENV.defaultRegion);
  const hasSts = names.has(ENV.stsRegionalEndpoints);
  // Upstream leaves a container that already defines everything completely alone, without even
  // the volume mount (fixture rawPodHasAll), whether or not region/STS injection is enabled.
  if (hasCredentials && hasRegion && hasSts) return undefined;
  return [
    ...(hasSts ? [] : credentials.stsEnv),
    ...(hasRegion ? [] : credentials.regionEnv),
    ...(hasCredentials ? [] : credentials.credentialEnv),
  ];
}

function containerOps(container: Container, base: string, credentials: PodCredentials): JsonPatchOp[] {
  const env = envToAdd(container, credentials);
  if (env === undefined) return [];
  const ops = appendOps(`${base}/env`, container.env, env);
  // Only the mount's name is checked: an existing mount of that name stays where it is, even at
  // another path (fixture containercredentials/rawPodWithConflictingVolumeMount).
  if (!namesOf(container.volumeMounts).has(credentials.token.volumeName)) {
    const mount = { name: credentials.token.volumeName, readOnly: true, mountPath: credentials.token.mountPath };
    ops.push(...appendOps(`${base}/volumeMounts`, container.volumeMounts, [mount]));
  }
  return ops;
}

function tokenVolume(credentials: PodCredentials): unknown {
  const { token } = credentials;
  return {
    name: token.volumeName,
    projected: {
      sources: [{
        serviceAccountToken: {
          // An empty audience is left out so the API server applies its own default.
          ...(token.audience === '' ? {} : { audience: token.audience }),
          expirationSeconds: token.expirationSeconds,
          path: token.path,
        },
      }],
    },
  };
}

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
      : { op: 'add', path: `/metadata/labels/${pointerToken(POD_IDENTITY_LABEL)}`, value: 'enabled' });
  }
  const volumes = pod.spec?.volumes;
  if (!namesOf(volumes).has(credentials.token.volumeName)) {
    // Upstream prepends (path /spec/volumes/0); kept so volume order matches upstream's pods.
    ops.push(Array.isArray(volumes)
      ? { op: 'add', path: '/spec/volumes/0', value: tokenVolume(credentials) }
      : { op: 'add', path: '/spec/volumes', value: [tokenVolume(credentials)] });
  }
  for (const kind of ['containers', 'initContainers'] as const) {
    const containers = pod.spec?.[kind];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, index) => {
      if (container === null || typeof container !== 'object' || skip.has(container.name)) return;
      ops.push(...containerOps(container, `/spec/${kind}/${index}`, credentials));
    });
  }
  return ops;
}
