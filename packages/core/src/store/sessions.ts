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

/** Credentials eksid issued, so SigV4-signed calls can be traced back to their session. */
export class SessionRepo extends Repo {
  insert(s: SessionRecord): void {
    this.stmt(
      `INSERT INTO sessions (access_key_id, secret_access_key, session_token, expiration, account_id, arn, user_id, role_arn, session_name, context, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.accessKeyId, s.secretAccessKey, s.sessionToken, s.expiration.toISOString(), s.accountId, s.arn, s.userId, s.roleArn, s.sessionName, toJson(s.context), s.createdAt.toISOString());
  }

  get(accessKeyId: string): SessionRecord | undefined {
    const row = this.stmt('SELECT * FROM sessions WHERE access_key_id = ?').get(accessKeyId) as SessionRow | undefined;
    return row && toSession(row);
  }

  /** Forgets sessions that expired before `now`, so long runs do not grow the file without bound. */
  pruneExpired(now: Date): number {
    return this.stmt('DELETE FROM sessions WHERE expiration <= ?').run(now.toISOString()).changes;
  }
}
