import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { RoleRecord } from './types.js';

interface RoleRow {
  account_id: string;
  name: string;
  role_id: string;
  path: string;
  arn: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary: string | null;
  tags: string;
  created_at: string;
}

const toRole = (r: RoleRow): RoleRecord => ({
  accountId: r.account_id,
  name: r.name,
  roleId: r.role_id,
  path: r.path,
  arn: r.arn,
  assumeRolePolicy: r.assume_role_policy,
  description: r.description,
  maxSessionDuration: r.max_session_duration,
  permissionsBoundary: r.permissions_boundary,
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
});

export class RoleRepo extends Repo {

  /** Inserts or overwrites by (account, name); role_id and created_at of an existing role are kept. */
  put(r: RoleRecord): void {
    this.stmt(
        `INSERT INTO roles (account_id, name, role_id, path, arn, assume_role_policy, description, max_session_duration, permissions_boundary, tags, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, name) DO UPDATE SET assume_role_policy = excluded.assume_role_policy,
           description = excluded.description, max_session_duration = excluded.max_session_duration,
           permissions_boundary = excluded.permissions_boundary, tags = excluded.tags`,
      )
      .run(r.accountId, r.name, r.roleId, r.path, r.arn, r.assumeRolePolicy, r.description, r.maxSessionDuration, r.permissionsBoundary, toJson(r.tags), r.createdAt.toISOString());
  }

  get(accountId: string, name: string): RoleRecord | undefined {
    const row = this.stmt('SELECT * FROM roles WHERE account_id = ? AND name = ?').get(accountId, name) as RoleRow | undefined;
    return row && toRole(row);
  }

  byArn(arn: string): RoleRecord | undefined {
    return this.remembered(`role\0${arn}`, () => {
      const row = this.stmt('SELECT * FROM roles WHERE arn = ?').get(arn) as RoleRow | undefined;
      return row && toRole(row);
    });
  }

  /** Roles whose path starts with `pathPrefix`, ordered by name (IAM lists alphabetically). */
  list(accountId: string, pathPrefix = '/'): RoleRecord[] {
    const rows = this.stmt("SELECT * FROM roles WHERE account_id = ? AND substr(path, 1, length(?)) = ? ORDER BY name COLLATE NOCASE")
      .all(accountId, pathPrefix, pathPrefix) as RoleRow[];
    return rows.map(toRole);
  }

  delete(accountId: string, name: string): boolean {
    return this.stmt('DELETE FROM roles WHERE account_id = ? AND name = ?').run(accountId, name).changes > 0;
  }
}
