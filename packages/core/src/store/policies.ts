import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { ManagedPolicyRecord, PolicyVersionRecord, Tag } from './types.js';

interface PolicyRow {
  arn: string;
  account_id: string;
  name: string;
  policy_id: string;
  path: string;
  description: string | null;
  document: string;
  default_version_id: string;
  tags: string;
  created_at: string;
  updated_at: string;
}

const toPolicy = (r: PolicyRow): ManagedPolicyRecord => ({
  arn: r.arn,
  accountId: r.account_id,
  name: r.name,
  policyId: r.policy_id,
  path: r.path,
  description: r.description,
  document: r.document,
  defaultVersionId: r.default_version_id,
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

// A managed policy with its default version's document.
const SELECT_MANAGED = `SELECT p.*, v.document FROM managed_policies p
  JOIN managed_policy_versions v ON v.policy_arn = p.arn AND v.version_id = p.default_version_id`;

interface VersionRow {
  version_id: string;
  document: string;
  created_at: string;
}

const toVersion = (r: VersionRow): PolicyVersionRecord => ({ versionId: r.version_id, document: r.document, createdAt: new Date(r.created_at) });

/** Inline role policies, managed policies (with their versions) and their attachments to roles. */
export class PolicyRepo extends Repo {

  putInline(accountId: string, roleName: string, policyName: string, document: string): void {
    this.stmt(
        `INSERT INTO role_inline_policies (account_id, role_name, policy_name, document) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, role_name, policy_name) DO UPDATE SET document = excluded.document`,
      )
      .run(accountId, roleName, policyName, document);
  }

  getInline(accountId: string, roleName: string, policyName: string): { policyName: string; document: string } | undefined {
    const row = this.stmt('SELECT policy_name, document FROM role_inline_policies WHERE account_id = ? AND role_name = ? AND policy_name = ?')
      .get(accountId, roleName, policyName) as { policy_name: string; document: string } | undefined;
    return row && { policyName: row.policy_name, document: row.document };
  }

  listInline(accountId: string, roleName: string): string[] {
    const rows = this.stmt('SELECT policy_name FROM role_inline_policies WHERE account_id = ? AND role_name = ? ORDER BY policy_name COLLATE NOCASE')
      .all(accountId, roleName) as { policy_name: string }[];
    return rows.map((r) => r.policy_name);
  }

  deleteInline(accountId: string, roleName: string, policyName: string): boolean {
    return this.stmt('DELETE FROM role_inline_policies WHERE account_id = ? AND role_name = ? AND policy_name = ?')
      .run(accountId, roleName, policyName).changes > 0;
  }

  /** Inserts the policy with its document as v1, the default version. */
  insertManaged(p: Omit<ManagedPolicyRecord, 'defaultVersionId'>): void {
    this.stmt(
        "INSERT INTO managed_policies (arn, account_id, name, policy_id, path, description, tags, created_at, updated_at, default_version_id, next_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'v1', 2)",
      )
      .run(p.arn, p.accountId, p.name, p.policyId, p.path, p.description, toJson(p.tags), p.createdAt.toISOString(), p.updatedAt.toISOString());
    this.insertVersion(p.arn, { versionId: 'v1', document: p.document, createdAt: p.createdAt });
  }

  getManaged(arn: string): ManagedPolicyRecord | undefined {
    const row = this.stmt(`${SELECT_MANAGED} WHERE p.arn = ?`).get(arn) as PolicyRow | undefined;
    return row && toPolicy(row);
  }

  listManaged(accountId: string, pathPrefix = '/'): ManagedPolicyRecord[] {
    const rows = this.stmt(`${SELECT_MANAGED} WHERE p.account_id = ? AND substr(p.path, 1, length(?)) = ? ORDER BY p.name COLLATE NOCASE`)
      .all(accountId, pathPrefix, pathPrefix) as PolicyRow[];
    return rows.map(toPolicy);
  }

  deleteManaged(arn: string): boolean {
    this.stmt('DELETE FROM managed_policy_versions WHERE policy_arn = ?').run(arn);
    return this.stmt('DELETE FROM managed_policies WHERE arn = ?').run(arn).changes > 0;
  }

  setManagedTags(arn: string, tags: readonly Tag[]): void {
    this.stmt('UPDATE managed_policies SET tags = ? WHERE arn = ?').run(toJson(tags), arn);
  }

  /** A policy's versions, newest (highest number) first. */
  listVersions(arn: string): PolicyVersionRecord[] {
    const rows = this.stmt('SELECT * FROM managed_policy_versions WHERE policy_arn = ? ORDER BY CAST(substr(version_id, 2) AS INTEGER) DESC')
      .all(arn) as VersionRow[];
    return rows.map(toVersion);
  }

  getVersion(arn: string, versionId: string): PolicyVersionRecord | undefined {
    const row = this.stmt('SELECT * FROM managed_policy_versions WHERE policy_arn = ? AND version_id = ?').get(arn, versionId) as VersionRow | undefined;
    return row && toVersion(row);
  }

  /** Adds a version under the policy's next version id (never one used before), which it returns. */
  addVersion(arn: string, document: string, createdAt: Date): string {
    const { next } = this.stmt('SELECT next_version AS next FROM managed_policies WHERE arn = ?').get(arn) as { next: number };
    const versionId = `v${next}`;
    this.stmt('UPDATE managed_policies SET next_version = ? WHERE arn = ?').run(next + 1, arn);
    this.insertVersion(arn, { versionId, document, createdAt });
    return versionId;
  }

  setDefaultVersion(arn: string, versionId: string, updatedAt: Date): void {
    this.stmt('UPDATE managed_policies SET default_version_id = ?, updated_at = ? WHERE arn = ?').run(versionId, updatedAt.toISOString(), arn);
  }

  deleteVersion(arn: string, versionId: string): boolean {
    return this.stmt('DELETE FROM managed_policy_versions WHERE policy_arn = ? AND version_id = ?').run(arn, versionId).changes > 0;
  }

  private insertVersion(arn: string, v: PolicyVersionRecord): void {
    this.stmt('INSERT INTO managed_policy_versions (policy_arn, version_id, document, created_at) VALUES (?, ?, ?, ?)').run(arn, v.versionId, v.document, v.createdAt.toISOString());
  }

  attach(accountId: string, roleName: string, policyArn: string): void {
    this.stmt('INSERT OR IGNORE INTO role_policy_attachments (account_id, role_name, policy_arn) VALUES (?, ?, ?)').run(accountId, roleName, policyArn);
  }

  detach(accountId: string, roleName: string, policyArn: string): boolean {
    return this.stmt('DELETE FROM role_policy_attachments WHERE account_id = ? AND role_name = ? AND policy_arn = ?')
      .run(accountId, roleName, policyArn).changes > 0;
  }

  attachedToRole(accountId: string, roleName: string): string[] {
    const rows = this.stmt('SELECT policy_arn FROM role_policy_attachments WHERE account_id = ? AND role_name = ? ORDER BY policy_arn')
      .all(accountId, roleName) as { policy_arn: string }[];
    return rows.map((r) => r.policy_arn);
  }

  /** Names of the account's roles `policyArn` is attached to. */
  rolesAttachedTo(accountId: string, policyArn: string): string[] {
    const rows = this.stmt('SELECT role_name FROM role_policy_attachments WHERE account_id = ? AND policy_arn = ?').all(accountId, policyArn) as { role_name: string }[];
    return rows.map((r) => r.role_name);
  }

  /** How many of the account's roles each policy is attached to, by policy ARN. */
  attachmentCounts(accountId: string): Map<string, number> {
    const rows = this.stmt('SELECT policy_arn, count(*) AS n FROM role_policy_attachments WHERE account_id = ? GROUP BY policy_arn').all(accountId) as { policy_arn: string; n: number }[];
    return new Map(rows.map((r) => [r.policy_arn, r.n]));
  }

  attachmentCount(policyArn: string): number {
    return (this.stmt('SELECT count(*) AS n FROM role_policy_attachments WHERE policy_arn = ?').get(policyArn) as { n: number }).n;
  }
}
