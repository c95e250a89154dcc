// Upstream's webhook re-encodes the containers it patches through Go's typed Kubernetes structs
// (../fixtures/README.md, "How the runner compares"), so the pods its patches describe have
// optional zero values omitted, `resources: {}` and `mountPath: ""` always written, gRPC
// `service: null`, and unknown fields dropped. eksid's granular patches leave the pod as it came.
// To compare what a pod *means*, both sides go through the same normalisation:
//   1. null, "", false, {} and [] are removed everywhere (Go's omitempty zero values, and the
//      always-written zero values `resources: {}`, `mountPath: ""`, `service: null`);
//   2. container volumeMounts keep only the Go VolumeMount fields (the typed decode drops
//      others; fixture irsa/keeps-existing-token-volume carries one: `source`).
// Object key order is ignored by the deep comparison; array order is kept.

const VOLUME_MOUNT_FIELDS = new Set([
  'name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr',
]);

function isEmpty(value: unknown): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function dropZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropZeroValues);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const cleaned = dropZeroValues(child);
    if (!isEmpty(cleaned)) out[key] = cleaned;
  }
  return out;
}

function keepKnownMountFields(pod: Record<string, unknown>): void {
  const spec = pod.spec as Record<string, unknown> | undefined;
  for (const kind of ['containers', 'initContainers']) {
    for (const container of (spec?.[kind] as Record<string, unknown>[] | undefined) ?? []) {
      const mounts = container.volumeMounts as Record<string, unknown>[] | undefined;
      if (!Array.isArray(mounts)) continue;
      container.volumeMounts = mounts.map((mount) =>
        Object.fromEntries(Object.entries(mount).filter(([key]) => VOLUME_MOUNT_FIELDS.has(key))));
    }
  }
}

export function normalizeLikeGo(pod: unknown): unknown {
  const copy = structuredClone(pod) as Record<string, unknown>;
  keepKnownMountFields(copy);
  return dropZeroValues(copy);
}
