import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { InstanceProfileRecord } from './types.js';

interface InstanceProfileRow {
  account_id: string;
  name: string;
  profile_id: string;
  path: string;
  arn: string;
  role_name: string | null;
  tags: string;
  created_at: string;
}

const toProfile = (r: InstanceProfileRow): InstanceProfileRecord => ({
  accountId: r.account_id,
  name: r.name,
  instanceProfileId: r.profile_id,
  path: r.path,
  arn: r.arn,
  roleName: r.role_name,
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
});

/** IAM instance profiles, one per (account, name), names compared case-insensitively. */
export class InstanceProfileRepo extends Repo {
  /** Inserts or overwrites by (account, name); the id, ARN and creation time of an existing profile are kept. */
  put(p: InstanceProfileRecord): void {
    this.stmt(
        `INSERT INTO instance_profiles (account_id, name, profile_id, path, arn, role_name, tags, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, name) DO UPDATE SET role_name = excluded.role_name, tags = excluded.tags`,
      )
      .run(p.accountId, p.name, p.instanceProfileId, p.path, p.arn, p.roleName, toJson(p.tags), p.createdAt.toISOString());
  }

  get(accountId: string, name: string): InstanceProfileRecord | undefined {
    const row = this.stmt('SELECT * FROM instance_profiles WHERE account_id = ? AND name = ?').get(accountId, name) as InstanceProfileRow | undefined;
    return row && toProfile(row);
  }

  /** Profiles whose path starts with `pathPrefix`, ordered by name (IAM lists alphabetically). */
  list(accountId: string, pathPrefix = '/'): InstanceProfileRecord[] {
    const rows = this.stmt('SELECT * FROM instance_profiles WHERE account_id = ? AND substr(path, 1, length(?)) = ? ORDER BY name COLLATE NOCASE')
      .all(accountId, pathPrefix, pathPrefix) as InstanceProfileRow[];
    return rows.map(toProfile);
  }

  /** The profiles holding role `roleName` (any case), ordered by name. */
  forRole(accountId: string, roleName: string): InstanceProfileRecord[] {
    const rows = this.stmt('SELECT * FROM instance_profiles WHERE account_id = ? AND role_name = ? ORDER BY name COLLATE NOCASE').all(accountId, roleName) as InstanceProfileRow[];
    return rows.map(toProfile);
  }

  delete(accountId: string, name: string): boolean {
    return this.stmt('DELETE FROM instance_profiles WHERE account_id = ? AND name = ?').run(accountId, name).changes > 0;
  }
}
