// Reads webhook fixtures (format in ../fixtures/README.md) and turns their
// testing.eks.amazonaws.com/* annotations into webhook settings, one service account
// (default/default) and the Pod Identity identities, the way upstream's own test harness does,
// so upstream's fixture files and eksid's read the same.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DEFAULT_MUTATION_SETTINGS } from '../../src/index.js';
import type { Annotations, Identity, JsonPatchOp, MutationSettings, Pod } from '../../src/index.js';
import { parseGoBool, parseGoInt } from '../../src/mutate/go-compat.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
// eksid's own cases: one or more for each upstream fixture, plus upstream behaviour no upstream
// fixture covers. These alone decide whether the webhook conforms.
export const EKSID_FIXTURE_DIR = resolve(repoRoot, 'packages', 'webhook', 'test', 'fixtures');

/** Where an optional copy of upstream's fixtures may sit, beside the clone; not part of it. */
export const UPSTREAM_SET = '../shared/conformance/webhook';
const upstreamRoot = resolve(repoRoot, UPSTREAM_SET);

/** The upstream fixtures folder when the optional copy is there, else undefined. */
export function upstreamFixtureDir(): string | undefined {
  return existsSync(upstreamRoot) ? join(upstreamRoot, 'fixtures') : undefined;
}

/** The one line a suite prints when it skips for want of the upstream copy. */
export function upstreamAbsentLine(suite: string): string {
  return `[${suite}] SKIPPED: ${UPSTREAM_SET} (relative to the repository root) does not exist, so the `
    + 'extra run against upstream\'s own fixtures is skipped; eksid\'s own fixtures still run.';
}

export interface Fixture {
  name: string;
  skip: boolean;
  pod: Pod;
  settings: MutationSettings;
  serviceAccountAnnotations: Annotations;
  identities: Identity[];
  expectedPatch: JsonPatchOp[];
}

function walk(dir: string): string[] {
  // Lexical order per directory, like Go's filepath.Walk.
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

function fixtureFrom(dir: string, path: string): Fixture {
  // Upstream decodes through JSON into a typed Pod: duplicate keys are allowed, last one wins.
  const pod = parse(readFileSync(path, 'utf8'), { uniqueKeys: false }) as Pod;
  const annotations = pod.metadata?.annotations ?? {};
  const test = (key: string): string | undefined => annotations[`testing.eks.amazonaws.com/${key}`];
  const sa: Record<string, string> = {};
  const prefix = DEFAULT_MUTATION_SETTINGS.annotationPrefix;
  for (const key of ['audience', 'sts-regional-endpoints', 'token-expiration']) {
    const value = test(`serviceAccount/${key}`);
    if (value !== undefined) sa[`${prefix}/${key}`] = value;
  }
  const roleArn = test('serviceAccount/roleArn');
  if (roleArn !== undefined) sa[`${prefix}/role-arn`] = roleArn;
  const uri = test('containercredentials/uri') ?? '';
  const settings: MutationSettings = {
    ...DEFAULT_MUTATION_SETTINGS,
    // handler/* stand for webhook flags; the SA annotations above override them.
    region: test('handler/region') ?? '',
    stsRegionalEndpoint: parseGoBool(test('handler/injectSTS')) ?? false,
    tokenExpiration: parseGoInt(test('handler/expiration')) ?? 86400,
    tokenMountPath: test('handler/mountPath') ?? DEFAULT_MUTATION_SETTINGS.tokenMountPath,
    // The harness uses the Pod Identity values exactly as given, with "" for absent keys.
    containerCredentials: {
      fullUri: uri,
      audience: test('containercredentials/audience') ?? '',
      mountPath: test('containercredentials/mountPath') ?? '',
      volumeName: test('containercredentials/volumeName') ?? '',
      tokenPath: test('containercredentials/tokenPath') ?? '',
    },
  };
  pod.metadata = { ...pod.metadata, namespace: 'default' };
  pod.spec = { ...pod.spec, serviceAccountName: 'default' };
  return {
    name: relative(dir, path),
    skip: parseGoBool(test('skip')) ?? false,
    pod,
    settings,
    serviceAccountAnnotations: sa,
    identities: uri === '' ? [] : [{ namespace: 'default', serviceAccount: 'default' }],
    expectedPatch: JSON.parse(test('expectedPatch') ?? '[]') as JsonPatchOp[],
  };
}

export function loadFixtures(dir: string): Fixture[] {
  return walk(dir).map((path) => fixtureFrom(dir, path));
}
