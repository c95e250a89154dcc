import { createHash } from 'node:crypto';
import type { Random } from '../../deps.js';
import { newPolicyId } from '../../ids/index.js';

/** One stored version of an AWS managed policy; the document is compact JSON text. */
export interface AwsManagedPolicyVersion {
  versionId: string;
  createdAt: Date;
  document: string;
}

/**
 * An AWS managed policy as the catalogue knows it. `resource` is the ARN's resource part
 * (`policy/service-role/X`), the same in every partition; ARNs are built per partition.
 */
export interface AwsManagedPolicy {
  name: string;
  path: string;
  resource: string;
  policyId: string;
  defaultVersionId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Newest first (highest version number first), as ListPolicyVersions answers. */
  versions: readonly AwsManagedPolicyVersion[];
}

export interface AwsManagedCatalogue {
  /** The policy whose ARN resource part is `resource` (`policy/AmazonS3ReadOnlyAccess`). */
  get(resource: string): AwsManagedPolicy | undefined;
  /** Every policy, by name. */
  list(): readonly AwsManagedPolicy[];
}

interface RawPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate: string; document: unknown }>;
  createdDate: string;
  lastUpdatedDate: string;
}

/**
 * Builds the catalogue from the data package's JSON (name → { arn, latestVersionId, versions,
 * createdDate, lastUpdatedDate }). Documents are kept as compact text, not object trees: the
 * package's 77 MB of pretty-printed JSON parses to ~136 MB of objects, the text to ~35 MB.
 * The data has no PolicyId; one is derived from the ARN so that it is stable across runs.
 */
export function catalogueFromData(raw: Record<string, RawPolicy>): AwsManagedCatalogue {
  const byResource = new Map<string, AwsManagedPolicy>();
  for (const [name, p] of Object.entries(raw)) {
    const resource = p.arn.slice(p.arn.indexOf(':policy/') + 1);
    const versions = Object.entries(p.versions)
      .map(([versionId, v]) => ({ versionId, createdAt: new Date(v.createdDate), document: JSON.stringify(v.document) }))
      .sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
    byResource.set(resource, {
      name,
      path: resource.slice('policy'.length, resource.lastIndexOf('/') + 1),
      resource,
      policyId: newPolicyId(hashRandom(p.arn)),
      // The package's latestVersionId is the version GetPolicy names as default.
      defaultVersionId: p.latestVersionId,
      createdAt: new Date(p.createdDate),
      updatedAt: new Date(p.lastUpdatedDate),
      versions,
    });
  }
  const sorted = [...byResource.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  return { get: (resource) => byResource.get(resource), list: () => sorted };
}

export function versionNumber(versionId: string): number {
  return Number.parseInt(versionId.slice(1), 10);
}

// Bytes drawn from the ARN's hash: the same PolicyId for the same policy on every run.
function hashRandom(seed: string): Random {
  const digest = createHash('sha256').update(seed).digest();
  return { bytes: (n) => digest.subarray(0, n), uuid: () => { throw new TypeError('not used'); } };
}
