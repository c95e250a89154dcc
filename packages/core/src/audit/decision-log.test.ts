import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../deps.js';
import { Store } from '../store/store.js';
import { sampleDecision } from '../testing.js';
import { DecisionLog } from './decision-log.js';
import { DEFAULT_RETENTION } from './types.js';
import type { DecisionEvent, DecisionEventInput, RetentionPolicy } from './types.js';

const T0 = '2026-03-01T12:00:00Z';
let store: Store;
let clock: FixedClock;
beforeEach(() => {
  store = Store.open(':memory:');
  clock = new FixedClock(T0);
});
afterEach(() => store.close());

const input = (over: Partial<DecisionEventInput> = {}): DecisionEventInput =>
  sampleDecision({
    time: clock.now(),
    trace: [{ ok: true, text: 'token aud "sts.amazonaws.com" is a client id of the provider ["sts.amazonaws.com"]' }],
    detail: { sourceIp: '10.0.0.1' },
    ...over,
  });
const denied = (over: Partial<DecisionEventInput> = {}) => input({ outcome: 'denied', errorCode: 'AccessDenied', errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', ...over });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const ids = (events: readonly DecisionEvent[]) => events.map((e) => e.id);

function logWith(retention: RetentionPolicy = DEFAULT_RETENTION): DecisionLog {
  return new DecisionLog(store, clock, retention);
}

describe('DecisionLog', () => {
  it('keeps seven days or 10 000 decisions unless told otherwise', () => {
    expect(new DecisionLog(store, clock).retention).toEqual({ maxCount: 10_000, maxAgeSeconds: 604_800 });
  });

  it('writes behind: nothing is stored while the request runs, all of it one turn later', async () => {
    const log = logWith();
    log.record(input());
    log.record(denied());
    expect(store.decisionEvents.count()).toBe(0);
    await nextTurn();
    expect(store.decisionEvents.count()).toBe(2);
  });

  it('lets a reader see a decision recorded the moment before, as it was recorded', () => {
    const log = logWith();
    const event = denied({ trace: [{ ok: null, text: 'caller root' }, { ok: false, text: 'answered AccessDenied: no' }], detail: { accessKeyId: null, n: 2 } });
    log.record(event);
    expect(log.list()).toEqual([{ ...event, id: 1 }]);
  });

  it('stores in the order recorded, with growing ids, across flushes', async () => {
    const log = logWith();
    log.record(input({ action: 'A' }));
    log.record(input({ action: 'B' }));
    await nextTurn();
    log.record(input({ action: 'C' }));
    expect(log.list().map((e) => [e.id, e.action])).toEqual([[1, 'A'], [2, 'B'], [3, 'C']]);
  });

  it('hands each stored event, with its id, to every listener in order', () => {
    const log = logWith();
    const seen: [string, number, string][] = [];
    log.subscribe((e) => seen.push(['first', e.id, e.action]));
    log.subscribe((e) => seen.push(['second', e.id, e.action]));
    log.record(input({ action: 'A' }));
    log.record(input({ action: 'B' }));
    log.flush();
    expect(seen).toEqual([['first', 1, 'A'], ['second', 1, 'A'], ['first', 2, 'B'], ['second', 2, 'B']]);
  });

  it('hands a new listener only what is recorded after it subscribed; the rest is already stored', () => {
    const log = logWith();
    log.record(input({ action: 'Before' }));
    const seen: string[] = [];
    log.subscribe((e) => seen.push(e.action));
    expect(store.decisionEvents.count()).toBe(1);
    log.record(input({ action: 'After' }));
    log.flush();
    expect(seen).toEqual(['After']);
  });

  it('stores a decision as it was recorded, not as its objects were changed later', () => {
    const log = logWith();
    const event = input({ trace: [{ ok: true, text: 'as recorded' }], detail: { n: 1 } });
    log.record(event);
    (event.trace as { ok: boolean; text: string }[]).push({ ok: false, text: 'added later' });
    (event.detail as Record<string, unknown>)['n'] = 2;
    expect(log.list().map((e) => [e.trace, e.detail])).toEqual([[[{ ok: true, text: 'as recorded' }], { n: 1 }]]);
  });

  it('stops calling a listener once unsubscribed', () => {
    const log = logWith();
    const seen: number[] = [];
    const unsubscribe = log.subscribe((e) => seen.push(e.id));
    log.record(input());
    log.flush();
    unsubscribe();
    log.record(input());
    log.flush();
    expect(seen).toEqual([1]);
  });

  it('keeps writing and calling the others when a listener throws', () => {
    const log = logWith();
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('stream closed');
    });
    log.subscribe((e) => seen.push(e.id));
    log.record(input());
    log.record(input());
    expect(() => log.flush()).not.toThrow();
    expect([seen, store.decisionEvents.count()]).toEqual([[1, 2], 2]);
  });

  it('writes the queue out and drops its listeners on close', () => {
    const log = logWith();
    const seen: number[] = [];
    log.subscribe((e) => seen.push(e.id));
    log.record(input());
    log.close();
    expect([store.decisionEvents.count(), seen]).toEqual([1, [1]]);
    log.record(input());
    log.flush();
    expect([store.decisionEvents.count(), seen]).toEqual([2, [1]]);
  });

  describe('onRecord', () => {
    it('tells a hook of each decision as it is recorded, before it is stored, until removed', () => {
      const log = logWith();
      const seen: [string, number][] = [];
      const remove = log.onRecord((e) => seen.push([e.action, store.decisionEvents.count()]));
      log.record(input({ action: 'A' }));
      log.record(denied({ action: 'B' }));
      remove();
      log.record(input({ action: 'C' }));
      log.flush();
      expect(seen).toEqual([['A', 0], ['B', 0]]);
      expect(store.decisionEvents.count()).toBe(3);
    });

    it('records the decision and tells the other hooks when a hook throws', () => {
      const log = logWith();
      const seen: string[] = [];
      log.onRecord(() => {
        throw new Error('broken counter');
      });
      log.onRecord((e) => seen.push(e.action));
      expect(() => log.record(input({ action: 'A' }))).not.toThrow();
      expect([seen, log.list().length]).toEqual([['A'], 1]);
    });

    it('drops its hooks on close', () => {
      const log = logWith();
      const seen: string[] = [];
      log.onRecord((e) => seen.push(e.action));
      log.close();
      log.record(input());
      expect(seen).toEqual([]);
    });
  });

  describe('retention', () => {
    it('prunes down to the newest maxCount decisions', () => {
      const log = logWith({ maxCount: 3, maxAgeSeconds: 86_400 });
      for (let i = 0; i < 5; i++) log.record(input());
      log.flush();
      expect(log.prune()).toBe(2);
      expect(ids(log.list())).toEqual([3, 4, 5]);
    });

    it('keeps eksid\'s own newest maxCount however many reported decisions come, and each reporter\'s newest quarter', () => {
      const log = logWith({ maxCount: 8, maxAgeSeconds: 86_400 });
      for (let i = 0; i < 3; i++) log.record(input({ source: i % 2 ? 'eks-auth' : 'sts' }));
      for (let i = 0; i < 500; i++) log.record(input({ source: 'agent' }));
      for (let i = 0; i < 3; i++) log.record(input({ source: 'webhook' }));
      log.flush();
      log.prune();
      expect(ids(log.list()).filter((id) => id <= 3)).toEqual([1, 2, 3]);
      expect(log.list().map((e) => `${e.id}:${e.source}`)).toEqual(['1:sts', '2:eks-auth', '3:sts', '502:agent', '503:agent', '505:webhook', '506:webhook']);
    });

    it('prunes eksid\'s own decisions past maxCount whatever else the trail holds', () => {
      const log = logWith({ maxCount: 4, maxAgeSeconds: 86_400 });
      for (let i = 0; i < 6; i++) {
        log.record(input({ source: 'sts' }));
        log.record(input({ source: 'webhook' }));
      }
      log.flush();
      expect(log.prune()).toBe(2 + 5);
      expect(log.list().map((e) => `${e.id}:${e.source}`)).toEqual(['5:sts', '7:sts', '9:sts', '11:sts', '12:webhook']);
    });

    it('prunes decisions older than maxAgeSeconds by the injected clock, keeping one exactly at the bound', () => {
      const log = logWith({ maxCount: 100, maxAgeSeconds: 3600 });
      log.record(input({ time: new Date('2026-03-01T10:59:59Z') }));
      log.record(input({ time: new Date('2026-03-01T11:00:00Z') }));
      log.record(input({ time: new Date('2026-03-01T11:30:00Z') }));
      log.flush();
      expect(log.prune()).toBe(1);
      expect(ids(log.list())).toEqual([2, 3]);
      clock.advance(1800);
      expect(log.prune()).toBe(1);
      expect(ids(log.list())).toEqual([3]);
    });

    it('prunes by itself every 200 writes, not on each', () => {
      const log = logWith({ maxCount: 50, maxAgeSeconds: 86_400 });
      for (let i = 0; i < 199; i++) log.record(input());
      log.flush();
      expect(store.decisionEvents.count()).toBe(199);
      log.record(input());
      log.flush();
      expect(store.decisionEvents.count()).toBe(50);
      expect(ids(log.list({ limit: 1 }))).toEqual([200]);
    });

    it('never hands out a pruned id again: latestId and the next id go on from the largest ever', () => {
      const log = logWith({ maxCount: 2, maxAgeSeconds: 60 });
      for (let i = 0; i < 4; i++) log.record(input());
      expect(log.latestId()).toBe(4);
      clock.advance(61);
      expect(log.prune()).toBe(4);
      expect([log.list(), log.latestId()]).toEqual([[], 4]);
      log.record(input());
      expect(ids(log.list())).toEqual([5]);
    });

    it('answers latestId 0 before the first decision', () => {
      expect(logWith().latestId()).toBe(0);
    });

    it('pages with the bounds of the trail: the oldest id still kept, undefined once none is', () => {
      const log = logWith({ maxCount: 2, maxAgeSeconds: 60 });
      expect(log.page({})).toEqual({ events: [], latestId: 0, oldestId: undefined });
      for (let i = 0; i < 4; i++) log.record(input());
      expect(log.page({ afterId: 4 })).toEqual({ events: [], latestId: 4, oldestId: 1 });
      log.prune();
      expect(log.page({ afterId: 4 })).toEqual({ events: [], latestId: 4, oldestId: 3 });
      clock.advance(61);
      log.prune();
      expect(log.page({ afterId: 4 })).toEqual({ events: [], latestId: 4, oldestId: undefined });
    });
  });

  describe('page', () => {
    it.each([
      ['the oldest ones after an id', { afterId: 1, limit: 2 }, [2, 3]],
      ['the oldest denied', { deniedOnly: true, limit: 2 }, [2, 4]],
      ['one cluster after an id', { cluster: 'demo', afterId: 2 }, [4, 5, 6]],
      ['nothing after the latest id', { afterId: 6 }, []],
    ])('reads oldest first: %s', (_name, filter, expected) => {
      const log = logWith();
      for (const [make, cluster] of [[input, 'demo'], [denied, 'other'], [input, 'other'], [denied, 'demo'], [input, 'demo'], [denied, 'demo']] as const) log.record(make({ cluster }));
      expect(ids(log.page(filter).events)).toEqual(expected);
    });
  });

  describe('list', () => {
    function seed(log: DecisionLog): void {
      log.record(input({ cluster: 'demo' }));
      log.record(denied({ cluster: 'demo' }));
      log.record(input({ cluster: 'other' }));
      log.record(denied({ cluster: 'other' }));
      log.record(denied({ cluster: null }));
      log.record(input({ cluster: 'demo' }));
    }

    it.each([
      ['no filter', {}, [1, 2, 3, 4, 5, 6]],
      ['one cluster', { cluster: 'demo' }, [1, 2, 6]],
      ['denied only', { deniedOnly: true }, [2, 4, 5]],
      ['denied in one cluster', { cluster: 'other', deniedOnly: true }, [4]],
      ['a cluster with no decisions', { cluster: 'none' }, []],
      ['after an id', { afterId: 4 }, [5, 6]],
      ['after the latest id', { afterId: 6 }, []],
      ['the newest two, oldest first', { limit: 2 }, [5, 6]],
      ['the newest two denied', { deniedOnly: true, limit: 2 }, [4, 5]],
      ['a limit beyond what matches', { afterId: 3, limit: 50 }, [4, 5, 6]],
      ['deniedOnly false as no filter', { deniedOnly: false }, [1, 2, 3, 4, 5, 6]],
    ])('selects by %s', (_name, filter, expected) => {
      const log = logWith();
      seed(log);
      expect(ids(log.list(filter))).toEqual(expected);
    });

    it('answers at most 100 by default, the newest', () => {
      const log = logWith();
      for (let i = 0; i < 120; i++) log.record(input());
      const page = log.list();
      expect([page.length, page[0]?.id, page[99]?.id]).toEqual([100, 21, 120]);
    });
  });
});

describe('DecisionLog write failures', () => {
  it('tells its error callback what was lost instead of throwing into the event loop', async () => {
    const store = Store.open(':memory:');
    const failures: number[] = [];
    const log = new DecisionLog(store, new FixedClock('2026-03-01T12:00:00Z'), undefined, (_err, lost) => failures.push(lost));
    store.db.exec('DROP TABLE decision_events');
    log.record(input());
    log.record(input());
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([2]);
    store.close();
  });
});
