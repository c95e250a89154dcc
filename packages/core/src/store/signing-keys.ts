import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { SigningKeyRecord } from './types.js';

interface KeyRow {
  kid: string;
  cluster_name: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
  retired_at: string | null;
  publish_until: string | null;
}

const toKey = (r: KeyRow): SigningKeyRecord => ({
  kid: r.kid,
  clusterName: r.cluster_name,
  alg: r.alg,
  privateJwk: fromJson(r.private_jwk),
  publicJwk: fromJson(r.public_jwk),
  createdAt: new Date(r.created_at),
  retiredAt: r.retired_at ? new Date(r.retired_at) : null,
  publishUntil: r.publish_until ? new Date(r.publish_until) : null,
});

export class SigningKeyRepo extends Repo {

  insert(k: SigningKeyRecord): void {
    this.stmt(
        'INSERT INTO signing_keys (kid, cluster_name, alg, private_jwk, public_jwk, created_at, retired_at, publish_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(k.kid, k.clusterName, k.alg, toJson(k.privateJwk), toJson(k.publicJwk), k.createdAt.toISOString(), k.retiredAt?.toISOString() ?? null, k.publishUntil?.toISOString() ?? null);
  }

  /** The key new tokens are signed with: the newest one not retired. */
  active(clusterName: string): SigningKeyRecord | undefined {
    const row = this.stmt('SELECT * FROM signing_keys WHERE cluster_name = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1')
      .get(clusterName) as KeyRow | undefined;
    return row && toKey(row);
  }

  /** Keys a verifier must still accept at `now`: the active ones and retired ones still published. */
  published(clusterName: string, now: Date): SigningKeyRecord[] {
    const rows = this.stmt('SELECT * FROM signing_keys WHERE cluster_name = ? AND (publish_until IS NULL OR publish_until > ?) ORDER BY created_at DESC')
      .all(clusterName, now.toISOString()) as KeyRow[];
    return rows.map(toKey);
  }

  /** The public JWK text of `kid` if the cluster publishes it at `now`; raw, so a cached key needs no parse. */
  publishedPublicJwk(clusterName: string, kid: string, now: Date): string | undefined {
    // The row is remembered, not the answer: whether it is still published depends on `now`.
    const row = this.remembered(`key\0${clusterName}\0${kid}`, () =>
      this.stmt('SELECT public_jwk, publish_until FROM signing_keys WHERE cluster_name = ? AND kid = ?').get(clusterName, kid) as
        | { public_jwk: string; publish_until: string | null }
        | undefined,
    );
    // ISO strings compare as the instants they name, as the SQL of `published` compares them.
    return row && (row.publish_until === null || row.publish_until > now.toISOString()) ? row.public_jwk : undefined;
  }

  retire(kid: string, at: Date, publishUntil: Date): void {
    this.stmt('UPDATE signing_keys SET retired_at = ?, publish_until = ? WHERE kid = ?').run(at.toISOString(), publishUntil.toISOString(), kid);
  }

  /** Drops keys no verifier can need any more. */
  prune(now: Date): number {
    return this.stmt('DELETE FROM signing_keys WHERE publish_until IS NOT NULL AND publish_until <= ?').run(now.toISOString()).changes;
  }
}
