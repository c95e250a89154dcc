/*
 * Test support for the STS tests: an in-memory store with one EKS-like cluster whose issuer is
 * registered as an IAM OIDC provider, helpers to create roles and mint tokens. Not exported
 * from the package.
 */
import { coreConfig } from '../config.js';
import type { CoreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import type { Deps } from '../deps.js';
import { clusterArn, newOidcId, newRoleId, oidcProviderArn, roleArn } from '../ids/index.js';
import { mintServiceAccountToken } from '../jwt/index.js';
import { ensureClusterKey } from '../keys/index.js';
import { issuerHostPath, issuerUrl } from '../oidc/index.js';
import { Store } from '../store/index.js';
import type { OidcProviderRecord, RoleRecord, SessionRecord, SigningKeyRecord, Tag } from '../store/index.js';
import type { StsContext, StsRequest } from './types.js';

export const ACCOUNT = '111122223333';
export const START = '2026-03-01T12:00:00Z';

export interface RoleOptions {
  maxSessionDuration?: number;
  tags?: Tag[];
  path?: string;
  permissionsBoundary?: string;
  accountId?: string;
}

// RSA key generation dominates these tests' run time; one key serves every fixture's cluster.
let sharedKey: Promise<SigningKeyRecord> | undefined;
function clusterKey(): Promise<SigningKeyRecord> {
  sharedKey ??= (async () => {
    const scratch = Store.open(':memory:');
    const key = await ensureClusterKey(scratch, { clock: new FixedClock(START), random: systemRandom }, 'c1');
    scratch.close();
    return key;
  })();
  return sharedKey;
}

export class StsFixture implements StsContext {
  /** A fixture whose cluster already has its signing key. */
  static async create(): Promise<StsFixture> {
    const fx = new StsFixture();
    fx.store.signingKeys.insert({ ...(await clusterKey()), createdAt: fx.clock.now() });
    return fx;
  }

  readonly store = Store.open(':memory:');
  readonly clock = new FixedClock(START);
  readonly deps: Deps = { clock: this.clock, random: systemRandom };
  readonly config: CoreConfig = coreConfig({ accountId: ACCOUNT, publicUrl: 'http://127.0.0.1:4599' });
  readonly cluster = 'c1';
  readonly issuer: string;
  readonly provider: OidcProviderRecord;

  private constructor() {
    const oidcId = newOidcId(systemRandom);
    this.store.clusters.insert({ accountId: ACCOUNT, name: this.cluster, arn: clusterArn('aws', 'us-east-1', ACCOUNT, this.cluster), oidcId, createdAt: this.clock.now(), spec: {} });
    this.issuer = issuerUrl(this.config, oidcId);
    const url = issuerHostPath(this.issuer);
    this.provider = { arn: oidcProviderArn('aws', ACCOUNT, url), accountId: ACCOUNT, url, clientIds: ['sts.amazonaws.com'], thumbprints: [], tags: [], createdAt: this.clock.now() };
    this.store.oidcProviders.put(this.provider);
  }

  get hostPath(): string {
    return this.provider.url;
  }

  putRole(name: string, trust: object, options: RoleOptions = {}): RoleRecord {
    const path = options.path ?? '/';
    const accountId = options.accountId ?? ACCOUNT;
    const role: RoleRecord = {
      accountId,
      name,
      roleId: newRoleId(systemRandom, accountId),
      path,
      arn: roleArn('aws', accountId, path, name),
      assumeRolePolicy: JSON.stringify(trust),
      description: null,
      maxSessionDuration: options.maxSessionDuration ?? 3600,
      permissionsBoundary: options.permissionsBoundary ?? null,
      tags: options.tags ?? [],
      createdAt: this.clock.now(),
    };
    this.store.roles.put(role);
    return role;
  }

  /** The usual IRSA trust policy: this cluster's provider, aud sts.amazonaws.com, one service account. */
  irsaTrust(sub = 'system:serviceaccount:default:app'): object {
    return statement({ Federated: this.provider.arn }, 'sts:AssumeRoleWithWebIdentity', {
      StringEquals: { [`${this.hostPath}:aud`]: 'sts.amazonaws.com', [`${this.hostPath}:sub`]: sub },
    });
  }

  mint(options: { namespace?: string; serviceAccount?: string; audiences?: string[]; expirationSeconds?: number } = {}): Promise<string> {
    return mintServiceAccountToken(this.store, this.deps, this.config, {
      clusterName: this.cluster,
      namespace: options.namespace ?? 'default',
      serviceAccount: options.serviceAccount ?? 'app',
      audiences: options.audiences ?? ['sts.amazonaws.com'],
      expirationSeconds: options.expirationSeconds ?? 3600,
    });
  }

  root(): StsRequest {
    return { caller: { kind: 'root', accountId: ACCOUNT, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, sourceIp: '10.0.0.1' };
  }

  as(session: SessionRecord): StsRequest {
    return { caller: { kind: 'session', accessKeyId: session.accessKeyId, session }, sourceIp: '10.0.0.1' };
  }

  anonymous(): StsRequest {
    return { caller: { kind: 'anonymous' }, sourceIp: '10.0.0.1' };
  }

  close(): void {
    this.store.close();
  }
}

/** A one-statement Allow policy document. */
export function statement(principal: object | '*', action: string | string[], condition?: object): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) }],
  };
}

export function identityPolicy(action: string | string[], resource: string | string[], effect: 'Allow' | 'Deny' = 'Allow'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: resource }] });
}
