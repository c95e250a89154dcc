import { DecisionLog, FixedClock, Store } from '@eksid/core';
import { sampleDecision } from '@eksid/core/testing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECISION_ACTIONS, DecisionCounts } from './decision-counts.js';

let store: Store;
let log: DecisionLog;
let registry: Registry;
let counts: DecisionCounts;
beforeEach(() => {
  store = Store.open(':memory:');
  log = new DecisionLog(store, new FixedClock('2026-03-01T12:00:00Z'));
  registry = new Registry();
  counts = new DecisionCounts(registry);
});
afterEach(() => {
  log.close();
  store.close();
});

async function values(): Promise<Record<string, number>> {
  const [metric] = await registry.getMetricsAsJSON();
  return Object.fromEntries((metric?.values ?? []).map((v) => [`${v.labels['service']} ${v.labels['action']} ${v.labels['outcome']}`, v.value]));
}

describe('DecisionCounts', () => {
  it('should start every known (service, action, outcome) and each service\'s other at 0', async () => {
    const known = Object.entries(DECISION_ACTIONS).flatMap(([service, actions]) => [...actions, 'other'].flatMap((a) => [`${service} ${a} allowed`, `${service} ${a} denied`]));
    expect(Object.keys(await values()).sort()).toEqual(known.sort());
    expect(Object.values(await values()).every((v) => v === 0)).toBe(true);
  });

  it('should count what a watched log records, until told to stop', async () => {
    const stop = counts.watch(log);
    log.record(sampleDecision({ source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'allowed' }));
    log.record(sampleDecision({ source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'allowed' }));
    log.record(sampleDecision({ source: 'eks-auth', action: 'AssumeRoleForPodIdentity', outcome: 'denied', errorCode: 'AccessDeniedException' }));
    stop();
    log.record(sampleDecision({ source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'allowed' }));
    expect(await values()).toMatchObject({ 'sts AssumeRoleWithWebIdentity allowed': 2, 'eks-auth AssumeRoleForPodIdentity denied': 1, 'sts AssumeRole allowed': 0 });
  });

  it('should count an action its source does not record as other, so reporters cannot add series', async () => {
    counts.watch(log);
    log.record(sampleDecision({ source: 'agent', action: 'Anything', outcome: 'allowed' }));
    log.record(sampleDecision({ source: 'agent', action: 'Mutate', outcome: 'allowed' }));
    const after = await values();
    expect(after).toMatchObject({ 'agent other allowed': 2, 'webhook Mutate allowed': 0 });
    expect(Object.keys(after)).toHaveLength(22);
  });

  it('should report the same totals on every scrape', async () => {
    counts.watch(log);
    log.record(sampleDecision({ source: 'webhook', action: 'Mutate', outcome: 'allowed' }));
    expect((await values())['webhook Mutate allowed']).toBe(1);
    expect((await values())['webhook Mutate allowed']).toBe(1);
  });
});
