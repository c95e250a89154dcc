import { createHash } from 'node:crypto';
import type { DecisionEvent } from '@eksid/core';
import { decisionReason } from './reason.js';

/** Decisions alike in all a reader compares, shown as one row: the latest of them and how many. */
export interface DecisionGroup {
  /** Names the group across fragments, so the page script can fold a new row into an old one. */
  key: string;
  latest: DecisionEvent;
  count: number;
  reason: string | null;
}

/** Who asked: the pod's service account when known, else the calling identity. */
function subjectOf(event: DecisionEvent): string | null {
  if (event.namespace !== null && event.serviceAccount !== null) return `${event.namespace}/${event.serviceAccount}`;
  return event.caller;
}

/**
 * Same service, action, cluster, subject, role, outcome and reason: the retries of one failing
 * client (the aws CLI asks its container provider three times), a pod restarting in a loop.
 * Hashed: the key goes into an attribute of every row.
 */
function groupKey(event: DecisionEvent, reason: string | null): string {
  const parts = [event.source, event.action, event.cluster, subjectOf(event), event.role, event.outcome, reason];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

/** `events` (oldest first, as the log lists them) folded into groups, newest first by their latest decision. */
export function groupDecisions(events: readonly DecisionEvent[]): DecisionGroup[] {
  const groups = new Map<string, DecisionGroup>();
  for (const event of events) {
    const reason = decisionReason(event);
    const key = groupKey(event, reason);
    const group = groups.get(key);
    // Deleted and set again: a Map iterates in insertion order, so the last one set is the newest.
    if (group !== undefined) groups.delete(key);
    groups.set(key, { key, latest: event, count: (group?.count ?? 0) + 1, reason });
  }
  return [...groups.values()].reverse();
}
