import type { Database } from 'better-sqlite3';
import { Repo } from './repo.js';
import type { BehindWriter, WriteBehind } from './write-behind.js';
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

/** The INSERT's values in column order (positional binding is the cheaper one). */
type SessionValues = [string, string, string, string, string, string, string, string, string, string, string];

/**
 * The row, taken when the session is issued so later changes to the record cannot leak in. A
 * queued row is a few flat strings rather than the record's object graph, which the garbage
 * collector would otherwise copy for as long as the row waits.
 */
const toValues = (s: SessionRecord): SessionValues => [
  s.accessKeyId, s.secretAccessKey, s.sessionToken, s.expiration.toISOString(), s.accountId, s.arn, s.userId, s.roleArn, s.sessionName, toJson(s.context), s.createdAt.toISOString(),
];

const fromValues = ([access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at]: SessionValues): SessionRow => ({
  access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at,
});

/**
 * Credentials eksid issued, so SigV4-signed calls can be traced back to their session.
 *
 * Written behind (write-behind.ts): issuing a session is on every credential request's path,
 * so rows are queued and written with the turn's other queued rows in one transaction once
 * the event-loop turn is over. `get()` answers from the queue first, so a key verifies the
 * moment it is handed out. A crash loses at most the sessions of the current turn: their keys
 * then fail as unknown (InvalidClientTokenId) — what a store reset does to them anyway.
 * `flush()` writes every queue now: pruneExpired() flushes first, and so does Store.close().
 */
export class SessionRepo extends Repo implements BehindWriter {
  private pending = new Map<string, SessionValues>();

  constructor(
    db: Database,
    private readonly behind: WriteBehind,
  ) {
    super(db);
    behind.add(this);
  }

  insert(s: SessionRecord): void {
    this.pending.set(s.accessKeyId, toValues(s));
    this.behind.queued();
  }

  get(accessKeyId: string): SessionRecord | undefined {
    // A queued session reads back as its row will: the same conversion, the same result.
    const queued = this.pending.get(accessKeyId);
    const row = queued ? fromValues(queued) : (this.stmt('SELECT * FROM sessions WHERE access_key_id = ?').get(accessKeyId) as SessionRow | undefined);
    return row && toSession(row);
  }

  /** Writes every queued row of the store (this repo's and the others written behind) now. */
  flush(): void {
    this.behind.flush();
  }

  /** Part of the write-behind transaction: the queued sessions' INSERTs. */
  write(): void {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const insert = this.stmt(
      `INSERT INTO sessions (access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const values of batch.values()) insert.run(...values);
  }

  /** Forgets sessions that expired before `now`, so long runs do not grow the file without bound. */
  pruneExpired(now: Date): number {
    this.flush();
    return this.stmt('DELETE FROM sessions WHERE expiration <= ?').run(now.toISOString()).changes;
  }
}
