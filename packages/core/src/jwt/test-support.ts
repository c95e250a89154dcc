import { coreConfig } from '../config.js';
import type { CoreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import type { Deps } from '../deps.js';
import { issuerHostPath, issuerUrl } from '../oidc/index.js';
import { Store } from '../store/index.js';

/** One account with cluster `dev` and an IAM OIDC provider for its issuer (client id sts.amazonaws.com). */
export interface World {
  store: Store;
  clock: FixedClock;
  deps: Deps;
  config: CoreConfig;
  issuer: string;
}

const OIDC_ID = 'A8E7A39CAEBEF6AA9250DFA9366FDFA2';
const START = '2026-01-01T00:00:00Z';

export function registerProvider(world: Pick<World, 'store' | 'config'>, issuer: string, clientIds = ['sts.amazonaws.com']): void {
  const url = issuerHostPath(issuer);
  world.store.oidcProviders.put({
    arn: `arn:aws:iam::${world.config.accountId}:oidc-provider/${url}`,
    accountId: world.config.accountId,
    url,
    clientIds,
    thumbprints: [],
    tags: [],
    createdAt: new Date(START),
  });
}

export function makeWorld(): World {
  const store = Store.open(':memory:');
  const clock = new FixedClock(START);
  const config = coreConfig();
  store.clusters.insert({
    accountId: config.accountId,
    name: 'dev',
    arn: `arn:aws:eks:${config.region}:${config.accountId}:cluster/dev`,
    oidcId: OIDC_ID,
    createdAt: new Date(START),
    spec: {},
  });
  const issuer = issuerUrl(config, OIDC_ID);
  registerProvider({ store, config }, issuer);
  return { store, clock, deps: { clock, random: systemRandom }, config, issuer };
}
