import { INGESTED_SOURCES, ingestQuota } from '../audit/types.js';
import type { DecisionEvent, DecisionEventInput, DecisionFilter, DecisionOutcome, DecisionSource, RetentionPolicy } from '../audit/types.js';
import { fromJson, toJson } from './json.js';
import { Repo } from './repo.js';
import { decodeTrace, encodeTrace } from './trace-column.js';
import type { WriteJob } from './write-behind/index.js';

interface DecisionRow {
  id: number;
  time: string;
  source: string;
  action: string;
  outcome: string;
  caller: string | null;
  cluster: string | null;
  namespace: string | null;
  service_account: string | null;
  role: string | null;
  error_code: string | null;
  error_message: string | null;
  trace: string;
  detail: string;
}

const toEvent = (r: DecisionRow): DecisionEvent => ({
  id: r.id,
  time: new Date(r.time),
  source: r.source as DecisionSource,
  action: r.action,
  outcome: r.outcome as DecisionOutcome,
  caller: r.caller,
  cluster: r.cluster,
  namespace: r.namespace,
  serviceAccount: r.service_account,
  role: r.role,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  trace: decodeTrace(r.trace),
  detail: fromJson<Record<string, unknown>>(r.detail),
});

/**
 * One decision as its INSERT's values, in column order. Taken when the decision is recorded:
 * a queued row is then a few flat strings rather than the trace's object graph, which the
 * garbage collector would otherwise copy for as long as the row waits.
 */
export function decisionRowValues(e: DecisionEventInput): unknown[] {
  return [e.time.toISOString(), e.source, e.action, e.outcome, e.caller, e.cluster, e.namespace, e.serviceAccount, e.role, e.errorCode, e.errorMessage, encodeTrace(e.trace), toJson(e.detail)];
}

export const INSERT_DECISION = `INSERT INTO decision_events (time, source, action, outcome, caller, cluster, namespace, service_account, role, error_code, error_message, trace, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The own and the reported decisions are counted apart, each walking a partial index of its
 * own (migration 5), so reported events, however many, neither count against eksid's own nor
 * push them out. The IN lists must match the indexes' WHERE exactly for SQLite to use them.
 */
const OWN = `source IN ('sts', 'eks-auth')`;
const REPORTED = `source = ? AND source IN ('agent', 'webhook')`;

/**
 * The DELETEs that drop what `retention` no longer keeps, as write-behind jobs (each alone:
 * a failed prune must not take the batch's rows with it): past the age, the own decisions past
 * the newest maxCount, and each reporting source's past its quota. The bounds are read in SQL,
 * so the jobs hold wherever and whenever they run after the rows before them.
 */
export function decisionPruneJobs(retention: RetentionPolicy, now: Date): WriteJob[] {
  const cutoff = new Date(now.getTime() - retention.maxAgeSeconds * 1000).toISOString();
  const quota = ingestQuota(retention);
  return [
    { sql: 'DELETE FROM decision_events WHERE time < ?', rows: [[cutoff]], alone: true },
    {
      sql: `DELETE FROM decision_events WHERE ${OWN} AND id < (SELECT id FROM decision_events WHERE ${OWN} ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      rows: [[retention.maxCount - 1]],
      alone: true,
    },
    {
      sql: `DELETE FROM decision_events WHERE ${REPORTED} AND id < (SELECT id FROM decision_events WHERE ${REPORTED} ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      rows: INGESTED_SOURCES.map((source) => [source, source, quota - 1]),
      alone: true,
    },
  ];
}

/** The audit trail's table. Writes come in batches (audit/decision-log.ts), reads by id cursor. */
export class DecisionEventRepo extends Repo {
  /** Inserts in order, in one transaction; returns the stored events with their ids. */
  insertMany(inputs: readonly DecisionEventInput[]): DecisionEvent[] {
    const insert = this.stmt(INSERT_DECISION);
    return this.db.transaction(() => inputs.map((e) => ({ ...e, id: Number(insert.run(...decisionRowValues(e)).lastInsertRowid) })))();
  }

  /** The newest `limit` events matching the filter, oldest first. */
  list(filter: DecisionFilter = {}): DecisionEvent[] {
    return this.select(filter, 'DESC').reverse().map(toEvent);
  }

  /** The oldest `limit` events matching the filter after `afterId`, oldest first: a follower's next page. */
  page(filter: DecisionFilter = {}): DecisionEvent[] {
    return this.select(filter, 'ASC').map(toEvent);
  }

  private select(filter: DecisionFilter, order: 'ASC' | 'DESC'): DecisionRow[] {
    const where: string[] = ['id > ?'];
    const args: unknown[] = [filter.afterId ?? 0];
    if (filter.cluster !== undefined) {
      where.push('cluster = ?');
      args.push(filter.cluster);
    }
    if (filter.deniedOnly) where.push(`outcome = 'denied'`);
    const limit = Math.max(1, Math.min(filter.limit ?? 100, 10_000));
    return this.stmt(`SELECT * FROM decision_events WHERE ${where.join(' AND ')} ORDER BY id ${order} LIMIT ${limit}`).all(...args) as DecisionRow[];
  }

  /** The smallest id still stored; undefined when the trail is empty. Ids below it were pruned. */
  oldestId(): number | undefined {
    const row = this.stmt('SELECT MIN(id) AS id FROM decision_events').get() as { id: number | null };
    return row.id ?? undefined;
  }

  /** The largest id ever handed out (0 before the first event), pruned ones included. */
  latestId(): number {
    const row = this.stmt(`SELECT seq FROM sqlite_sequence WHERE name = 'decision_events'`).get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  count(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM decision_events').get() as { n: number }).n;
  }

  /** Drops what the retention policy no longer keeps; returns how many rows went. */
  prune(retention: RetentionPolicy, now: Date): number {
    return decisionPruneJobs(retention, now).reduce((gone, job) => gone + job.rows.reduce((n, row) => n + this.stmt(job.sql).run(...row).changes, 0), 0);
  }
}
