// Upstream's container-credentials config file (--watch-container-credentials-config,
// pkg/containercredentials/config.go + types.go): JSON {"identities":[{"namespace","serviceAccount"}]}.
// An empty file clears the set; a file that does not parse keeps the previous set, as upstream.
import { watchFile, unwatchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createLogger } from '@eksid/core/log';
import type { Logger } from '@eksid/core/log';
import { IdentityMap, identitySet } from './types.js';
import type { Identity, PodIdentityLookup } from './types.js';

export class ContainerCredentialsConfigError extends Error {
  readonly code = 'ERR_CONTAINER_CREDENTIALS_CONFIG';
  override name = 'ContainerCredentialsConfigError';
}

export function parseContainerCredentialsConfig(text: string): Identity[] {
  if (text.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ContainerCredentialsConfigError(`container credentials config is not JSON: ${(error as Error).message}`);
  }
  const identities = (raw as { identities?: unknown } | null)?.identities;
  if (identities === undefined || identities === null) return [];
  if (!Array.isArray(identities)) throw new ContainerCredentialsConfigError('"identities" must be an array');
  return identities.map((item: unknown, i) => {
    const { namespace, serviceAccount } = (item ?? {}) as Record<string, unknown>;
    if (typeof namespace !== 'string' || typeof serviceAccount !== 'string') {
      throw new ContainerCredentialsConfigError(`identities[${i}] needs string namespace and serviceAccount`);
    }
    return { namespace, serviceAccount };
  });
}

export interface WatchedIdentities extends PodIdentityLookup {
  close(): void;
}

/**
 * Loads the file now and again whenever it changes. Polls with stat (fs.watchFile) rather than
 * inotify because ConfigMap volumes update by swapping a symlink, which fs.watch misses.
 */
export async function watchContainerCredentialsConfig(
  path: string,
  options: { intervalMs?: number; log?: Logger } = {},
): Promise<WatchedIdentities> {
  const log = options.log ?? (await createLogger({ level: 'silent' }));
  let known = new IdentityMap<true>();
  const load = async (): Promise<void> => {
    try {
      const identities = parseContainerCredentialsConfig(await readFile(path, 'utf8'));
      known = identitySet(identities);
    } catch (error) {
      log.warn({ path, err: error }, 'cannot read the container credentials config');
    }
  };
  await load();
  const listener = (): void => void load();
  watchFile(path, { interval: options.intervalMs ?? 1000, persistent: false }, listener);
  return {
    has: (namespace, serviceAccount) => known.has(namespace, serviceAccount),
    close: () => unwatchFile(path, listener),
  };
}
