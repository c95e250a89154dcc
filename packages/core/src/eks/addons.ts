import type { AddonRecord } from '../store/index.js';
import { AGENT_CLUSTER_VERSIONS, AGENT_VERSIONS, POD_IDENTITY_AGENT, addonArn, addonView, requireAddon, requireAgentVersion } from './addon.js';
import type { Addon } from './addon.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { InvalidParameterError, ResourceInUseError } from './errors.js';
import type { CreateAddonInput, DescribeAddonVersionsInput, ListAddonsInput } from './parse-addon.js';
import { pageStart, pageToken } from './page-token.js';

// CreateAddon, DescribeAddon, ListAddons, DeleteAddon and DescribeAddonVersions over the
// catalogue of addon.ts. The cluster is looked up first: an unknown one is 404 "No cluster
// found for name" before anything about the add-on is said.

/**
 * Messages recorded from EKS: "Addon specified is not supported" (aws/containers-roadmap#1429);
 * the version's is addon.ts requireAgentVersion. "Addon already exists." is inferred (inf).
 * podIdentityAssociations are accepted and not acted on, as UpdateAddon says (update-addon.ts).
 */
export function createAddon(ctx: EksContext, input: CreateAddonInput): Addon {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    const cluster = requireCluster(ctx, input.clusterName);
    if (input.addonName !== POD_IDENTITY_AGENT) throw new InvalidParameterError('Addon specified is not supported');
    const version = input.addonVersion ?? AGENT_VERSIONS[0];
    requireAgentVersion(version);
    if (store.addons.get(config.accountId, cluster.name, input.addonName)) throw new ResourceInUseError('Addon already exists.');
    const now = deps.clock.now();
    const record: AddonRecord = {
      accountId: config.accountId,
      clusterName: cluster.name,
      addonName: input.addonName,
      addonVersion: version,
      addonArn: addonArn(config.partition, config.region, config.accountId, cluster.name, input.addonName, deps.random.uuid()),
      serviceAccountRoleArn: input.serviceAccountRoleArn ?? null,
      configurationValues: input.configurationValues ?? null,
      tags: input.tags ?? {},
      createdAt: now,
      modifiedAt: now,
    };
    store.addons.put(record);
    return addonView(record);
  });
}

export function describeAddon(ctx: EksContext, clusterName: string, addonName: string): Addon {
  requireCluster(ctx, clusterName);
  return addonView(requireAddon(ctx, clusterName, addonName));
}

/**
 * DeleteAddon answers with the add-on in DELETING; eksid removes it at once, as it does
 * clusters, with its updates: an add-on installed again under the name starts with none.
 */
export function deleteAddon(ctx: EksContext, clusterName: string, addonName: string): Addon {
  return ctx.store.transaction(() => {
    requireCluster(ctx, clusterName);
    const record = requireAddon(ctx, clusterName, addonName);
    ctx.store.updates.deleteForAddon(ctx.config.accountId, clusterName, addonName);
    ctx.store.addons.delete(ctx.config.accountId, clusterName, addonName);
    return addonView(record, 'DELETING');
  });
}

export interface ListAddonsOutput {
  addons: string[];
  nextToken?: string;
}

/** Add-ons are listed by name; a page token names the first add-on of the next page. */
export function listAddons(ctx: EksContext, input: ListAddonsInput): ListAddonsOutput {
  const { clusterName, maxResults, nextToken } = input;
  const from = nextToken === undefined ? undefined : pageStart('addon', nextToken);
  requireCluster(ctx, clusterName);
  const names = ctx.store.addons.list(ctx.config.accountId, clusterName).map((a) => a.addonName).filter((name) => from === undefined || name >= from);
  const max = maxResults ?? 100;
  const next = names[max];
  return next === undefined ? { addons: names.slice(0, max) } : { addons: names.slice(0, max), nextToken: pageToken('addon', next) };
}

/** The `AddonInfo` shape, for the one add-on eksid offers. */
export interface AddonInfo {
  addonName: string;
  type: string;
  addonVersions: {
    addonVersion: string;
    architecture: string[];
    computeTypes: string[];
    compatibilities: { clusterVersion: string; platformVersions: string[]; defaultVersion: boolean }[];
    requiresConfiguration: boolean;
    requiresIamPermissions: boolean;
  }[];
  publisher: string;
  owner: string;
}

/**
 * DescribeAddonVersions. eksid clusters accept any 1.x version (parse-create-cluster.ts), so
 * every agent version is offered for whichever version is asked for; eksctl reads the first
 * compatibility's defaultVersion to pick one (pkg/actions/addon/addon.go getLatestMatchingVersion).
 * An add-on name eksid does not offer lists nothing.
 */
export function describeAddonVersions(input: DescribeAddonVersionsInput): { addons: AddonInfo[] } {
  if (input.addonName !== undefined && input.addonName !== POD_IDENTITY_AGENT) return { addons: [] };
  const clusterVersions = input.kubernetesVersion === undefined ? AGENT_CLUSTER_VERSIONS : [input.kubernetesVersion];
  return {
    addons: [{
      addonName: POD_IDENTITY_AGENT,
      type: 'security',
      addonVersions: AGENT_VERSIONS.map((addonVersion) => ({
        addonVersion,
        architecture: ['amd64', 'arm64'],
        computeTypes: ['ec2', 'hybrid'],
        compatibilities: clusterVersions.map((clusterVersion) => ({ clusterVersion, platformVersions: ['*'], defaultVersion: addonVersion === AGENT_VERSIONS[0] })),
        requiresConfiguration: false,
        requiresIamPermissions: false,
      })),
      publisher: 'eks',
      owner: 'aws',
    }],
  };
}
