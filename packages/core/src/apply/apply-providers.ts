import type { EksContext } from '../eks/index.js';
import {
  addClientIdToOpenIdConnectProvider,
  createOpenIdConnectProvider,
  removeClientIdFromOpenIdConnectProvider,
  updateOpenIdConnectProviderThumbprint,
} from '../iam/index.js';
import { issuerHostPath, issuerUrl } from '../oidc/index.js';
import { declaredCluster } from './apply-clusters.js';
import { at } from './errors.js';
import type { OidcProviderDecl } from './schema.js';
import { change, sameJson } from './summary.js';
import type { Change } from './summary.js';

/**
 * One IAM OIDC provider per declared cluster issuer, through the IAM actions a user would
 * call: CreateOpenIDConnectProvider, then Add/RemoveClientIDTo…/UpdateThumbprint to converge.
 */
export function applyOidcProviders(ctx: EksContext, decls: readonly OidcProviderDecl[]): Change[] {
  return decls.map((decl, i) => {
    const path = `oidcProviders[${i}]`;
    const cluster = declaredCluster(ctx, decl.cluster, `${path}.cluster`);
    const url = issuerUrl(ctx.config, cluster.oidcId);
    const existing = ctx.store.oidcProviders.byUrl(ctx.config.accountId, issuerHostPath(url));
    if (!existing) {
      const created = at(path, () => createOpenIdConnectProvider(ctx, { url, clientIds: decl.clientIds, thumbprints: decl.thumbprints }));
      return change('oidcProvider', created.arn, 'created');
    }
    const ref = { openIdConnectProviderArn: existing.arn };
    const details: string[] = [];
    const add = decl.clientIds.filter((id) => !existing.clientIds.includes(id));
    const remove = existing.clientIds.filter((id) => !decl.clientIds.includes(id));
    at(`${path}.clientIds`, () => {
      for (const clientId of add) addClientIdToOpenIdConnectProvider(ctx, { ...ref, clientId });
      for (const clientId of remove) removeClientIdFromOpenIdConnectProvider(ctx, { ...ref, clientId });
    });
    if (add.length + remove.length > 0) details.push('clientIds');
    if (decl.thumbprints !== undefined && !sameJson(decl.thumbprints, existing.thumbprints)) {
      const thumbprints = decl.thumbprints;
      at(`${path}.thumbprints`, () => updateOpenIdConnectProviderThumbprint(ctx, { ...ref, thumbprints }));
      details.push('thumbprints');
    }
    return change('oidcProvider', existing.arn, details);
  });
}
