import type { UpdateParamRecord, UpdateRecord } from '../store/index.js';
import { requireAddon, requireAgentVersion } from './addon.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { IdempotencyMismatchError, requestDigest } from './idempotency.js';
import type { UpdateAddonInput } from './parse-addon.js';
import { updateView } from './update.js';
import type { Update } from './update.js';

/**
 * The update's params: one per member the request carried, in the order EKS lists them
 * (aws-cli's update-addon examples: AddonVersion, ServiceAccountRoleArn, ResolveConflicts,
 * ConfigurationValues), each value as sent. How EKS renders PodIdentityAssociations is not
 * recorded: eksid gives the list as JSON (inf).
 */
function updateParams(input: UpdateAddonInput): UpdateParamRecord[] {
  const params: UpdateParamRecord[] = [];
  if (input.addonVersion !== undefined) params.push({ type: 'AddonVersion', value: input.addonVersion });
  if (input.serviceAccountRoleArn !== undefined) params.push({ type: 'ServiceAccountRoleArn', value: input.serviceAccountRoleArn });
  if (input.resolveConflicts !== undefined) params.push({ type: 'ResolveConflicts', value: input.resolveConflicts });
  if (input.configurationValues !== undefined) params.push({ type: 'ConfigurationValues', value: input.configurationValues });
  if (input.podIdentityAssociations !== undefined) params.push({ type: 'PodIdentityAssociations', value: JSON.stringify(input.podIdentityAssociations) });
  return params;
}

/**
 * UpdateAddon, as terraform's aws_eks_addon update calls it (then waits on DescribeUpdate) and
 * `eksctl update addon` (then waits on DescribeAddon ACTIVE). The change lands at once (see
 * update.ts for the statuses). Checked
 * in the order EKS names what is missing: cluster, add-on, version. An empty
 * configurationValues (terraform sends one when the attribute is removed) returns the add-on
 * to its defaults: none shown (inf). podIdentityAssociations are recorded in the update's
 * params but change nothing, as CreateAddon ignores them: eksid makes no associations for
 * the agent, whose own credentials it does not emulate. A retry with the first call's
 * clientRequestToken and parameters gets that update back, as it stands now; the token with
 * other parameters is refused and changes nothing (idempotency.ts).
 */
export function updateAddon(ctx: EksContext, input: UpdateAddonInput): Update {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    const cluster = requireCluster(ctx, input.clusterName);
    const digest = requestDigest(input);
    if (input.clientRequestToken !== undefined) {
      const earlier = store.updates.byClientRequestToken(config.accountId, input.clientRequestToken);
      if (earlier) {
        if (earlier.requestDigest !== digest) throw new IdempotencyMismatchError();
        return updateView(earlier);
      }
    }
    const addon = requireAddon(ctx, cluster.name, input.addonName);
    if (input.addonVersion !== undefined) requireAgentVersion(input.addonVersion);

    const now = deps.clock.now();
    store.addons.put({
      ...addon,
      ...(input.addonVersion === undefined ? {} : { addonVersion: input.addonVersion }),
      ...(input.serviceAccountRoleArn === undefined ? {} : { serviceAccountRoleArn: input.serviceAccountRoleArn === '' ? null : input.serviceAccountRoleArn }),
      ...(input.configurationValues === undefined ? {} : { configurationValues: input.configurationValues === '' ? null : input.configurationValues }),
      modifiedAt: now,
    });
    const update: UpdateRecord = {
      accountId: config.accountId,
      clusterName: cluster.name,
      id: deps.random.uuid(),
      addonName: addon.addonName,
      type: 'AddonUpdate',
      params: updateParams(input),
      clientRequestToken: input.clientRequestToken ?? null,
      requestDigest: digest,
      createdAt: now,
    };
    store.updates.add(update);
    return updateView(update, 'InProgress');
  });
}
