import manifest from '../../package.json' with { type: 'json' };

// The version of the running eksid: every workspace package carries the same one (test/packages.test.ts).
const VERSION = manifest.version;

/** GET /_eksid/health: what `eksid up` and the testcontainers module poll for readiness. */
export function health(): { status: 'ok'; version: string } {
  return { status: 'ok', version: VERSION };
}
