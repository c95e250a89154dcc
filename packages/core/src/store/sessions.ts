import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { SessionRecord } from './types.js';

interface SessionRow {
  access_key_id: string;
  secret_access_key: string;
  session_token: string;
  expiration: string;
  account_id: string;
  arn: string;
  user_id: string;
  role_arn: string;
  session_name: string;
  context: string;
  created_at: string;
}

const toSession = (r: SessionRow): SessionRecord => ({
  accessKeyId: r.access_key_id,
  secretAccessKey: r.secret_access_key,
  sessionToken: r.session_token,
  expiration: new Date(r.expiration),
  accountId: r.account_id,
  arn: r.arn,
  userId: r.user_id,
  roleArn: r.role_arn,
  sessionName: r.session_name,
  context: fromJson(r.context),
  createdAt: new Date(r.created_at),
});

/** The INSERT's values, taken when the session is issued so later changes to the record cannot leak in. */
const toValues = (s: SessionRecord): unknown[] => [
  s.accessKeyId, s.secretAccessKey, s.sessionToken, s.expiration.toISOString(), s.accountId, s.arn, s.userId, s.roleArn, s.sessionName, toJson(s.context), s.createdAt.toISOString(),
];

interface PendingSession {
  record: SessionRecord;
  values: unknown[];
}

/**
 * Credentials eksid issued, so SigV4-signed calls can be traced back to their session.
 *
 * Write-behind: issuing a session is on every credential request's path and a lone INSERT
 * costs a WAL append per row, so rows are queued and written in one transaction per
 * event-loop turn (under load a turn carries many). `get()` answers from the queue first, so
 * a key verifies the moment it is handed out. A crash loses at most the sessions of the
 * current turn: their keys then fail as unknown (InvalidClientTokenId) — what a store reset
 * does to them anyway. `flush()` writes the queue now: pruneExpired() flushes first, and so must Store.close().
 */
export class SessionRepo extends Repo {
  private pending = new Map<string, PendingSession>();
  private scheduled = false;

  insert(s: SessionRecord): void {
    this.pending.set(s.accessKeyId, { record: s, values: toValues(s) });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  get(accessKeyId: string): SessionRecord | undefined {
    const queued = this.pending.get(accessKeyId);
    if (queued) return queued.record;
    const row = this.stmt('SELECT * FROM sessions WHERE access_key_id = ?').get(accessKeyId) as SessionRow | undefined;
    return row && toSession(row);
  }

  /** Writes the queued sessions in one transaction. */
  flush(): void {
    this.scheduled = false;
    // The turn's flush may run after a close that did not flush: nothing can be written then.
    if (this.pending.size === 0 || !this.db.open) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const insert = this.stmt(
      `INSERT INTO sessions (access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const { values } of batch) insert.run(...values);
    })();
  }

  /** Forgets sessions that expired before `now`, so long runs do not grow the file without bound. */
  pruneExpired(now: Date): number {
    this.flush();
    return this.stmt('DELETE FROM sessions WHERE expiration <= ?').run(now.toISOString()).changes;
  }
}
