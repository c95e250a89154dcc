import type { Database } from 'better-sqlite3';
import { AddonRepo } from './addons.js';
import { ClusterRepo, ServiceAccountRepo } from './clusters.js';
import { DataDirLock } from './data-lock.js';
import { DecisionEventRepo } from './decision-events.js';
import { InstanceProfileRepo } from './instance-profiles.js';
import { InstanceSecretRepo } from './instance-secrets.js';
import { openDatabase } from './database.js';
import { OidcProviderRepo } from './oidc-providers.js';
import { PodIdentityAssociationRepo } from './pod-identity-associations.js';
import { PolicyRepo } from './policies.js';
import { ReadCache } from './read-cache.js';
import { RoleRepo } from './roles.js';
import { SessionSeal } from './sessions.js';
import { SigningKeyRepo } from './signing-keys.js';
import { UpdateRepo } from './updates.js';
import { InlineSink, ThreadSink, WriteBehind } from './write-behind/index.js';
import type { WriteSink } from './write-behind/index.js';

export interface StoreOptions {
  /**
   * Write decision events on a worker thread (write-behind/write-sinks.ts ThreadSink) rather than on the
   * caller's: for the server, whose request thread is the bottleneck. Needs a database file
   * (`:memory:` is one connection's alone): ignored for `:memory:`.
   */
  writeThread?: boolean;
}

/** Every table of eksid behind one handle; `close()` releases the file. */
export class Store {
  readonly clusters: ClusterRepo;
  readonly serviceAccounts: ServiceAccountRepo;
  readonly signingKeys: SigningKeyRepo;
  readonly oidcProviders: OidcProviderRepo;
  readonly roles: RoleRepo;
  readonly policies: PolicyRepo;
  readonly instanceProfiles: InstanceProfileRepo;
  /** Issued sessions live in their tokens (sessions.ts): nothing is written when one is issued. */
  readonly sessions: SessionSeal;
  readonly podIdentityAssociations: PodIdentityAssociationRepo;
  readonly addons: AddonRepo;
  readonly updates: UpdateRepo;
  readonly decisionEvents: DecisionEventRepo;
  readonly instanceSecrets: InstanceSecretRepo;
  /** Decision events are written behind (write-behind/). */
  readonly writeBehind: WriteBehind;

  constructor(
    readonly db: Database,
    sink: WriteSink = new InlineSink(db),
    /** The data directory's lock (data-lock.ts), held until close(); none for `:memory:`. */
    readonly lock?: DataDirLock,
  ) {
    this.writeBehind = new WriteBehind(sink);
    // The tables every credential request reads (read-cache.ts). Decision events are written
    // on every request, so their repo stays out: a write would forget it all.
    const reads = new ReadCache(db);
    this.clusters = new ClusterRepo(db, reads);
    this.serviceAccounts = new ServiceAccountRepo(db);
    this.signingKeys = new SigningKeyRepo(db, reads);
    this.oidcProviders = new OidcProviderRepo(db, reads);
    this.roles = new RoleRepo(db, reads);
    this.policies = new PolicyRepo(db);
    this.instanceProfiles = new InstanceProfileRepo(db);
    this.podIdentityAssociations = new PodIdentityAssociationRepo(db, reads);
    this.addons = new AddonRepo(db);
    this.updates = new UpdateRepo(db);
    this.decisionEvents = new DecisionEventRepo(db);
    this.instanceSecrets = new InstanceSecretRepo(db);
    this.sessions = new SessionSeal(this.instanceSecrets);
  }

  /**
   * `dataDir` is a folder (the file is `<dir>/eksid.db`) or `:memory:`. A folder is locked
   * before anything else touches it, migrations included: a second open, in this process or
   * another, throws DataDirInUseError until this store is closed.
   */
  static open(dataDir: string, options: StoreOptions = {}): Store {
    const lock = dataDir === ':memory:' ? undefined : DataDirLock.acquire(dataDir);
    try {
      const db = openDatabase(dataDir);
      const sink = options.writeThread && !db.memory ? new ThreadSink(db.name, db) : new InlineSink(db);
      return new Store(db, sink, lock);
    } catch (err) {
      lock?.release();
      throw err;
    }
  }

  /** Runs `fn` in one transaction: all of it lands or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    // Decisions are written behind (write-behind/): what is queued must land first.
    this.writeBehind.close();
    this.db.close();
    this.lock?.release();
  }
}
