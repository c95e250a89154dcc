import type { Database } from 'better-sqlite3';
import { Repo } from './repo.js';
import type { BehindWriter, JobOutcome, WriteBehind, WriteJob } from './write-behind.js';
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

const INSERT_SESSION = `INSERT INTO sessions (access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Told when issued sessions could not be written: their keys then fail as unknown. */
export type LostSessions = (error: string, lost: number) => void;

const failLoudly: LostSessions = (error, lost) => {
  throw new Error(`${lost} session(s) could not be written: ${error}`);
};

/**
 * Credentials eksid issued, so SigV4-signed calls can be traced back to their session.
 *
 * Written behind (write-behind.ts): issuing a session is on every credential request's path,
 * so rows are queued and written with the turn's other queued rows in one batch once the
 * event-loop turn is over. `get()` answers from the queue and from batches not yet written,
 * so a key verifies the moment it is handed out. A crash loses at most the sessions not yet
 * written: their keys then fail as unknown (InvalidClientTokenId), what a store reset does to
 * them anyway. `flush()` writes every queue now: pruneExpired() flushes first, and so does
 * Store.close().
 */
export class SessionRepo extends Repo implements BehindWriter {
  private queued = new Map<string, SessionValues>();
  /** Batches handed to the write-behind and not settled yet, oldest first (they settle in order). */
  private readonly writing: Map<string, SessionValues>[] = [];

  constructor(
    db: Database,
    private readonly behind: WriteBehind,
    private readonly onLost: LostSessions = failLoudly,
  ) {
    super(db);
    behind.add(this);
  }

  insert(s: SessionRecord): void {
    this.queued.set(s.accessKeyId, toValues(s));
    this.behind.queued();
  }

  get(accessKeyId: string): SessionRecord | undefined {
    // A session not written yet reads back as its row will: the same conversion, the same result.
    const unwritten = this.queued.get(accessKeyId) ?? this.writing.find((batch) => batch.has(accessKeyId))?.get(accessKeyId);
    const row = unwritten ? fromValues(unwritten) : (this.stmt('SELECT * FROM sessions WHERE access_key_id = ?').get(accessKeyId) as SessionRow | undefined);
    return row && toSession(row);
  }

  /** Writes every queued row of the store (this repo's and the others written behind) now. */
  flush(): void {
    this.behind.flush();
  }

  /** Hands the queued sessions to the write-behind as one job of INSERTs. */
  take(): WriteJob[] {
    if (this.queued.size === 0) return [];
    const batch = this.queued;
    this.queued = new Map();
    this.writing.push(batch);
    return [{ sql: INSERT_SESSION, rows: [...batch.values()] }];
  }

  settled([outcome]: JobOutcome[]): void {
    const batch = this.writing.shift();
    if (outcome && 'error' in outcome) this.onLost(outcome.error, batch?.size ?? 0);
  }

  /** Forgets sessions that expired before `now`, so long runs do not grow the file without bound. */
  pruneExpired(now: Date): number {
    this.flush();
    return this.stmt('DELETE FROM sessions WHERE expiration <= ?').run(now.toISOString()).changes;
  }
}
