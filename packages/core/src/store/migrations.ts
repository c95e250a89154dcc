/**
 * Versioned schema migrations. Each entry runs once, in order, inside a transaction;
 * `PRAGMA user_version` records how far a database has come. Never edit a shipped
 * migration: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: the IRSA foundation.
  `
  CREATE TABLE clusters (
    account_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    arn          TEXT NOT NULL,
    oidc_id      TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    spec         TEXT NOT NULL,          -- JSON: version, roleArn, tags, ... as created
    PRIMARY KEY (account_id, name)
  );

  CREATE TABLE signing_keys (
    kid          TEXT PRIMARY KEY,
    cluster_name TEXT NOT NULL,
    alg          TEXT NOT NULL,
    private_jwk  TEXT NOT NULL,
    public_jwk   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    retired_at   TEXT,                   -- set when rotated out; still published until retired_at + max token lifetime
    publish_until TEXT                   -- NULL while active
  );
  CREATE INDEX signing_keys_cluster ON signing_keys (cluster_name, created_at);

  CREATE TABLE service_accounts (
    cluster_name TEXT NOT NULL,
    namespace    TEXT NOT NULL,
    name         TEXT NOT NULL,
    uid          TEXT NOT NULL,
    annotations  TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (cluster_name, namespace, name)
  );

  CREATE TABLE oidc_providers (
    arn          TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL,
    url          TEXT NOT NULL,          -- host/path, no scheme, as IAM stores it
    client_ids   TEXT NOT NULL,          -- JSON array
    thumbprints  TEXT NOT NULL,          -- JSON array
    tags         TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL
  );

  CREATE TABLE roles (
    account_id   TEXT NOT NULL,
    name         TEXT NOT NULL COLLATE NOCASE,  -- IAM names are unique case-insensitively
    role_id      TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    arn          TEXT NOT NULL,
    assume_role_policy TEXT NOT NULL,
    description  TEXT,
    max_session_duration INTEGER NOT NULL,
    permissions_boundary TEXT,
    tags         TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
  );

  CREATE TABLE role_inline_policies (
    account_id   TEXT NOT NULL,
    role_name    TEXT NOT NULL COLLATE NOCASE,
    policy_name  TEXT NOT NULL COLLATE NOCASE,
    document     TEXT NOT NULL,
    PRIMARY KEY (account_id, role_name, policy_name)
  );

  CREATE TABLE managed_policies (
    arn          TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL,
    name         TEXT NOT NULL COLLATE NOCASE,
    policy_id    TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    description  TEXT,
    document     TEXT NOT NULL,
    tags         TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  );

  CREATE TABLE role_policy_attachments (
    account_id   TEXT NOT NULL,
    role_name    TEXT NOT NULL COLLATE NOCASE,
    policy_arn   TEXT NOT NULL,
    PRIMARY KEY (account_id, role_name, policy_arn)
  );

  CREATE TABLE sessions (
    access_key_id TEXT PRIMARY KEY,
    secret_access_key TEXT NOT NULL,
    session_token TEXT NOT NULL,
    expiration   TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    arn          TEXT NOT NULL,          -- arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
    user_id      TEXT NOT NULL,          -- AROA...:SESSION
    role_arn     TEXT NOT NULL,
    session_name TEXT NOT NULL,
    context      TEXT NOT NULL DEFAULT '{}', -- JSON: principal tags, transitive keys, source identity, federated claims
    created_at   TEXT NOT NULL
  );
  CREATE INDEX sessions_expiration ON sessions (expiration);
  `,
  // 2: EKS Pod Identity associations (one per cluster/namespace/service account, as EKS enforces).
  `
  CREATE TABLE pod_identity_associations (
    association_id   TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL,
    cluster_name     TEXT NOT NULL,
    namespace        TEXT NOT NULL,
    service_account  TEXT NOT NULL,
    role_arn         TEXT NOT NULL,
    association_arn  TEXT NOT NULL,
    tags             TEXT NOT NULL DEFAULT '{}',
    disable_session_tags INTEGER NOT NULL DEFAULT 0,
    target_role_arn  TEXT,
    external_id      TEXT,
    policy           TEXT,
    owner_arn        TEXT,
    client_request_token TEXT,
    created_at       TEXT NOT NULL,
    modified_at      TEXT NOT NULL,
    UNIQUE (account_id, cluster_name, namespace, service_account)
  );
  `,
  // 3: credential decisions with their traces (eksid's audit trail; pruned by count and age).
  // AUTOINCREMENT so an id is never reused after pruning: clients follow the log by `after=<id>`.
  `
  CREATE TABLE decision_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    time            TEXT NOT NULL,
    source          TEXT NOT NULL,
    action          TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    caller          TEXT,
    cluster         TEXT,
    namespace       TEXT,
    service_account TEXT,
    role            TEXT,
    error_code      TEXT,
    error_message   TEXT,
    trace           TEXT NOT NULL DEFAULT '[]',
    detail          TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX decision_events_time ON decision_events (time);
  CREATE INDEX decision_events_cluster ON decision_events (cluster, id);
  `,
  // 4: secrets an instance creates once and keeps with its data (admin token, root key pair,
  // the key session tokens are sealed with): one row each, read by name.
  `
  CREATE TABLE instance_secrets (
    name         TEXT PRIMARY KEY,
    value        TEXT NOT NULL,
    created_at   TEXT NOT NULL
  );
  `,
  // 5: retention counts eksid's own decisions and each reporting source's apart
  // (store/decision-events.ts), each over a small covering index of its rows only.
  `
  CREATE INDEX decision_events_own ON decision_events (id, source) WHERE source IN ('sts', 'eks-auth');
  CREATE INDEX decision_events_reported ON decision_events (source, id) WHERE source IN ('agent', 'webhook');
  `,
  // 6: sessions live in their sealed tokens (sessions.ts), no longer in rows.
  `
  DROP TABLE sessions;
  `,
  // 7: customer managed policy versions (CreatePolicyVersion & co). A policy's document is its
  // default version's; each existing policy's becomes v1. next_version numbers the next one:
  // IAM never reuses a version id, even after DeletePolicyVersion.
  `
  CREATE TABLE managed_policy_versions (
    policy_arn   TEXT NOT NULL,
    version_id   TEXT NOT NULL,
    document     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (policy_arn, version_id)
  );
  INSERT INTO managed_policy_versions (policy_arn, version_id, document, created_at)
    SELECT arn, 'v1', document, created_at FROM managed_policies;
  ALTER TABLE managed_policies ADD COLUMN default_version_id TEXT NOT NULL DEFAULT 'v1';
  ALTER TABLE managed_policies ADD COLUMN next_version INTEGER NOT NULL DEFAULT 2;
  ALTER TABLE managed_policies DROP COLUMN document;
  `,
  // 8: EKS add-ons (one per cluster and add-on name, as EKS allows), and a digest of the
  // request that created each Pod Identity association: a clientRequestToken reused with other
  // parameters is refused rather than answered with the first association (eks/idempotency.ts).
  `
  CREATE TABLE addons (
    account_id       TEXT NOT NULL,
    cluster_name     TEXT NOT NULL,
    addon_name       TEXT NOT NULL,
    addon_version    TEXT NOT NULL,
    addon_arn        TEXT NOT NULL,
    service_account_role_arn TEXT,
    configuration_values TEXT,
    tags             TEXT NOT NULL DEFAULT '{}',
    created_at       TEXT NOT NULL,
    modified_at      TEXT NOT NULL,
    PRIMARY KEY (account_id, cluster_name, addon_name)
  );
  ALTER TABLE pod_identity_associations ADD COLUMN request_digest TEXT;
  `,
  // 9: instance profiles. IAM lets a profile hold one role at most (InstanceSessionsPerInstanceProfile
  // quota: 1), so the role is a column; NULL while empty.
  `
  CREATE TABLE instance_profiles (
    account_id   TEXT NOT NULL,
    name         TEXT NOT NULL COLLATE NOCASE,
    profile_id   TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    arn          TEXT NOT NULL,
    role_name    TEXT COLLATE NOCASE,
    tags         TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
  );
  CREATE INDEX instance_profiles_role ON instance_profiles (account_id, role_name);
  `,
  // 10: EKS updates (UpdateAddon's, the only kind eksid makes), each with its add-on (addon_name;
  // NULL would be a cluster's own). seq orders ListUpdates and its page tokens; request_digest
  // tells a retry carrying the same clientRequestToken from a reuse of it (eks/idempotency.ts).
  `
  CREATE TABLE eks_updates (
    seq              INTEGER PRIMARY KEY,
    account_id       TEXT NOT NULL,
    cluster_name     TEXT NOT NULL,
    id               TEXT NOT NULL,
    addon_name       TEXT,
    type             TEXT NOT NULL,
    params           TEXT NOT NULL DEFAULT '[]',
    client_request_token TEXT,
    request_digest   TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (account_id, id)
  );
  CREATE INDEX eks_updates_scope ON eks_updates (account_id, cluster_name, addon_name, seq);
  CREATE INDEX eks_updates_token ON eks_updates (account_id, client_request_token) WHERE client_request_token IS NOT NULL;
  `,
];
