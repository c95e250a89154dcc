import { readFileSync } from 'node:fs';

// The version of the running eksid, read once from the server package's manifest.
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** GET /_eksid/health: what `eksid up` and the testcontainers module poll for readiness. */
export function health(): { status: 'ok'; version: string } {
  return { status: 'ok', version: VERSION };
}
