import type { JsonPatchOp, Pod } from '../mutate/index.js';

const CONTAINER_OP = /^\/spec\/(containers|initContainers)\/(\d+)\/(env|volumeMounts)(?:\/-)?$/;

/** Which containers a patch touched and which variables it added, read back from the patch itself. */
export function patchSummary(pod: Pod, patch: readonly JsonPatchOp[]): { containers: string[]; envNames: string[]; opCount: number } {
  const containers = new Set<string>();
  const envNames = new Set<string>();
  for (const op of patch) {
    const match = CONTAINER_OP.exec(op.path);
    if (match === null) continue;
    const [, kind, index, member] = match as unknown as [string, 'containers' | 'initContainers', string, string];
    const name = pod.spec?.[kind]?.[Number(index)]?.name;
    if (name !== undefined) containers.add(name);
    if (member !== 'env') continue;
    for (const env of Array.isArray(op.value) ? op.value : [op.value]) {
      const envName = (env as { name?: unknown } | null)?.name;
      if (typeof envName === 'string') envNames.add(envName);
    }
  }
  return { containers: [...containers], envNames: [...envNames], opCount: patch.length };
}
