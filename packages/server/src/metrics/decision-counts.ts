import type { DecisionEventInput, DecisionLog, DecisionOutcome, DecisionSource } from '@eksid/core';
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * The actions each source records: the server's STS and EKS Auth routes, the node agent's
 * GetCredentials, the webhook's Mutate. IAM and EKS record only what `--enforce-iam` refuses,
 * across some forty operations: each counts as `other` rather than adding eighty series.
 * Agents and webhooks report over POST /_eksid/events, which takes any action name, so any
 * other name is counted as `other`: a reporter cannot grow the label set.
 */
export const DECISION_ACTIONS: Readonly<Record<DecisionSource, readonly string[]>> = {
  sts: ['AssumeRole', 'AssumeRoleWithWebIdentity'],
  'eks-auth': ['AssumeRoleForPodIdentity'],
  agent: ['GetCredentials'],
  webhook: ['Mutate'],
  iam: [],
  eks: [],
};
const OTHER_ACTION = 'other';

interface Tally {
  labels: { service: DecisionSource; action: string; outcome: DecisionOutcome };
  count: number;
}
type ByOutcome = Readonly<Record<DecisionOutcome, Tally>>;

/**
 * `eksid_decisions_total{service, action, outcome}`: every decision the log records, the ones
 * agents and webhooks report included (service is the decision's source). Counted as plain
 * numbers when recorded and handed to prom-client when scraped, so recording a decision costs
 * two map lookups and an increment. Every known series exists from the start, at 0.
 */
export class DecisionCounts {
  private readonly bySource = new Map<DecisionSource, Map<string, ByOutcome>>();
  private readonly tallies: Tally[] = [];

  constructor(registry: Registry) {
    // Every source is a key of DECISION_ACTIONS (the type says so).
    for (const source of Object.keys(DECISION_ACTIONS) as DecisionSource[]) {
      const actions = new Map<string, ByOutcome>();
      for (const action of [...DECISION_ACTIONS[source], OTHER_ACTION]) actions.set(action, this.outcomes(source, action));
      this.bySource.set(source, actions);
    }
    const tallies = this.tallies;
    new Counter({
      name: 'eksid_decisions_total',
      help: 'Credential decisions recorded, by the service that made them, action and outcome (allowed or denied)',
      labelNames: ['service', 'action', 'outcome'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { labels, count } of tallies) this.inc(labels, count);
      },
    });
  }

  private outcomes(service: DecisionSource, action: string): ByOutcome {
    const tally = (outcome: DecisionOutcome): Tally => {
      const made = { labels: { service, action, outcome }, count: 0 };
      this.tallies.push(made);
      return made;
    };
    return { allowed: tally('allowed'), denied: tally('denied') };
  }

  count(event: DecisionEventInput): void {
    const actions = this.bySource.get(event.source);
    if (actions === undefined) return;
    const tally = (actions.get(event.action) ?? (actions.get(OTHER_ACTION) as ByOutcome))[event.outcome];
    tally.count += 1;
  }

  /** Counts every decision `log` records from now on; returns the function that stops. */
  watch(log: DecisionLog): () => void {
    return log.onRecord((event) => this.count(event));
  }
}
