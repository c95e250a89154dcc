import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { OidcProviderRecord } from './types.js';

interface ProviderRow {
  arn: string;
  account_id: string;
  url: string;
  client_ids: string;
  thumbprints: string;
  tags: string;
  created_at: string;
}

const toProvider = (r: ProviderRow): OidcProviderRecord => ({
  arn: r.arn,
  accountId: r.account_id,
  url: r.url,
  clientIds: fromJson(r.client_ids),
  thumbprints: fromJson(r.thumbprints),
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
});

export class OidcProviderRepo extends Repo {

  /** Inserts or overwrites the whole record (updates go through get → change → put). */
  put(p: OidcProviderRecord): void {
    this.stmt(
        `INSERT INTO oidc_providers (arn, account_id, url, client_ids, thumbprints, tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (arn) DO UPDATE SET client_ids = excluded.client_ids, thumbprints = excluded.thumbprints, tags = excluded.tags`,
      )
      .run(p.arn, p.accountId, p.url, toJson(p.clientIds), toJson(p.thumbprints), toJson(p.tags), p.createdAt.toISOString());
  }

  get(arn: string): OidcProviderRecord | undefined {
    const row = this.stmt('SELECT * FROM oidc_providers WHERE arn = ?').get(arn) as ProviderRow | undefined;
    return row && toProvider(row);
  }

  /** The provider registered for an issuer's host/path in an account. */
  byUrl(accountId: string, url: string): OidcProviderRecord | undefined {
    return this.remembered(`provider\0${accountId}\0${url}`, () => {
      const row = this.stmt('SELECT * FROM oidc_providers WHERE account_id = ? AND url = ?').get(accountId, url) as ProviderRow | undefined;
      return row && toProvider(row);
    });
  }

  list(accountId: string): OidcProviderRecord[] {
    const rows = this.stmt('SELECT * FROM oidc_providers WHERE account_id = ? ORDER BY arn').all(accountId) as ProviderRow[];
    return rows.map(toProvider);
  }

  delete(arn: string): boolean {
    return this.stmt('DELETE FROM oidc_providers WHERE arn = ?').run(arn).changes > 0;
  }
}
