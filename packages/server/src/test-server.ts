import { DecisionLog, FixedClock, Store, coreConfig, systemRandom } from '@eksid/core';
import type { CoreConfig } from '@eksid/core';
import { pino } from 'pino';
import type { ServerContext } from './context.js';
import { startServer } from './server.js';
import type { RunningServer } from './server.js';

/**
 * Test support, not exported from the package: the whole app (every route, as `eksid up`
 * serves it) on 127.0.0.1 port 0 over an in-memory store and a clock tests can move.
 */
/** The admin token of every test server; the test helpers send it. */
export const TEST_ADMIN_TOKEN = 'test-admin-token';
/** The header that carries it, for requests a test makes by hand. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = { 'x-eksid-admin-token': TEST_ADMIN_TOKEN };

export interface TestServer extends RunningServer {
  ctx: ServerContext;
  clock: FixedClock;
}

export async function startTestServer(options: { at?: string; config?: Partial<CoreConfig>; signatureMode?: 'lenient' | 'strict'; allowedHosts?: readonly string[] } = {}): Promise<TestServer> {
  const clock = new FixedClock(options.at ?? '2026-03-01T12:00:00Z');
  const store = Store.open(':memory:');
  const ctx: ServerContext = {
    store,
    deps: { clock, random: systemRandom },
    config: coreConfig(options.config),
    log: pino({ level: 'silent' }),
    signatureMode: options.signatureMode ?? 'lenient',
    decisions: new DecisionLog(store, clock),
    adminToken: TEST_ADMIN_TOKEN,
  };
  const running = await startServer(ctx, { host: '127.0.0.1', port: 0, allowedHosts: options.allowedHosts });
  ctx.config = coreConfig({ ...options.config, publicUrl: options.config?.publicUrl ?? running.url });
  return {
    ...running,
    ctx,
    clock,
    close: async () => {
      await running.close();
      ctx.decisions.close();
      ctx.store.close();
    },
  };
}
