import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { ManagedPolicyRecord } from './types.js';

interface PolicyRow {
  arn: string;
  account_id: string;
  name: string;
  policy_id: string;
  path: string;
  description: string | null;
  document: string;
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
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** Inline role policies, managed policies and their attachments to roles. */
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

  insertManaged(p: ManagedPolicyRecord): void {
    this.stmt(
        'INSERT INTO managed_policies (arn, account_id, name, policy_id, path, description, document, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.arn, p.accountId, p.name, p.policyId, p.path, p.description, p.document, toJson(p.tags), p.createdAt.toISOString(), p.updatedAt.toISOString());
  }

  getManaged(arn: string): ManagedPolicyRecord | undefined {
    const row = this.stmt('SELECT * FROM managed_policies WHERE arn = ?').get(arn) as PolicyRow | undefined;
    return row && toPolicy(row);
  }

  listManaged(accountId: string, pathPrefix = '/'): ManagedPolicyRecord[] {
    const rows = this.stmt('SELECT * FROM managed_policies WHERE account_id = ? AND substr(path, 1, length(?)) = ? ORDER BY name COLLATE NOCASE')
      .all(accountId, pathPrefix, pathPrefix) as PolicyRow[];
    return rows.map(toPolicy);
  }

  deleteManaged(arn: string): boolean {
    return this.stmt('DELETE FROM managed_policies WHERE arn = ?').run(arn).changes > 0;
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

  attachmentCount(policyArn: string): number {
    return (this.stmt('SELECT count(*) AS n FROM role_policy_attachments WHERE policy_arn = ?').get(policyArn) as { n: number }).n;
  }
}
