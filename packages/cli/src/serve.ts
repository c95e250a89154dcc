import { DecisionLog, DEFAULT_ACCOUNT_ID, DEFAULT_RETENTION, DEFAULT_REGION, applyDocument, coreConfig, parseApplyDocument, systemDeps, Store, AwsError } from '@eksid/core';
import type { ApplyDocument, ApplySummary } from '@eksid/core';
import { startServer } from '@eksid/server';
import type { RunningServer, ServerContext } from '@eksid/server';
import type { Logger } from 'pino';
import { readConfigFile } from './config-file.js';
import { CliError, UsageError, oneLine } from './errors.js';

/** How often an idle server drops decisions past their age (writes prune as they go). */
const PRUNE_INTERVAL_MS = 10 * 60_000;

export interface UpOptions {
  port: number;
  host: string;
  data: string;
  config?: string;
  publicUrl?: string;
  account?: string;
  region?: string;
  strictSignatures?: boolean;
  /** How many decision events the audit trail keeps (default 10 000). */
  eventsMaxCount?: number;
  /** How long, in seconds, the audit trail keeps a decision event (default a week). */
  eventsMaxAge?: number;
}

export interface RunningEksid {
  /** The public URL: what clients use and issuer URLs start with. */
  url: string;
  /** Where the server actually listens (differs from url behind a proxy or port mapping). */
  listenUrl: string;
  ctx: ServerContext;
  document?: ApplyDocument;
  summary?: ApplySummary;
  close(): Promise<void>;
}

function loadDocument(file: string): ApplyDocument {
  try {
    return parseApplyDocument(readConfigFile(file));
  } catch (err) {
    if (err instanceof AwsError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/** Where clients reach a server bound to `host`: a wildcard bind is reached at loopback. */
function reachableUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

/**
 * `eksid up` without the CLI around it: open the store, listen, then apply the config with
 * the public URL known (port 0 picks a free port, and issuer URLs embed it).
 */
export async function startEksid(options: UpOptions, log: Logger): Promise<RunningEksid> {
  const document = options.config === undefined ? undefined : loadDocument(options.config);
  // The config's `account` is the default for the server, so `eksid up --config x` just works.
  const accountId = options.account ?? document?.account ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new UsageError(`invalid account '${accountId}': expected 12 digits`);
  let store: Store;
  try {
    // Sessions and decisions are written on a thread of their own: the request thread is the
    // server's bottleneck (store/write-sinks.ts).
    store = Store.open(options.data, {
      writeThread: true,
      onLostSessions: (error, lost) => log.warn({ error, lost }, 'could not record issued sessions: their keys will not verify'),
    });
  } catch (err) {
    throw new CliError(`cannot open data ${options.data}: ${oneLine((err as Error).message)}`);
  }
  const settings = { accountId, region: options.region ?? DEFAULT_REGION };
  const ctx: ServerContext = {
    store,
    deps: systemDeps,
    config: coreConfig({ ...settings, publicUrl: options.publicUrl }),
    log,
    signatureMode: options.strictSignatures ? 'strict' : 'lenient',
    decisions: new DecisionLog(store, systemDeps.clock, {
      maxCount: options.eventsMaxCount ?? DEFAULT_RETENTION.maxCount,
      maxAgeSeconds: options.eventsMaxAge ?? DEFAULT_RETENTION.maxAgeSeconds,
    }, (err, lost) => log.warn({ err, lost }, 'could not record decision events')),
  };
  // The log prunes as it writes; a restart with tighter retention (or after a long pause)
  // must not serve what the policy no longer keeps until the next few hundred decisions.
  const pruned = ctx.decisions.prune();
  if (pruned > 0) log.info({ pruned }, 'dropped decision events past retention');
  ctx.decisions.pruneEvery(PRUNE_INTERVAL_MS);
  let server: RunningServer;
  try {
    server = await startServer(ctx, { host: options.host, port: options.port });
  } catch (err) {
    store.close();
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'address already in use' : code === 'EADDRNOTAVAIL' ? 'address not available' : oneLine((err as Error).message);
    throw new CliError(`cannot listen on ${options.host}:${options.port}: ${why}`);
  }
  const close = async () => {
    await server.close();
    ctx.decisions.close();
    store.close();
  };
  ctx.config = coreConfig({ ...settings, publicUrl: options.publicUrl ?? reachableUrl(options.host, server.port) });
  const running: RunningEksid = { url: ctx.config.publicUrl, listenUrl: server.url, ctx, close };
  if (document) {
    running.document = document;
    try {
      running.summary = await applyDocument(ctx, document);
    } catch (err) {
      await close();
      if (err instanceof AwsError) throw new CliError(`${options.config}: ${err.message}`);
      throw err;
    }
  }
  // Debug: `eksid up` prints its banner, the first thing a person at a terminal should see.
  log.debug({ url: running.url, listen: server.url, accountId, region: settings.region, data: options.data }, 'eksid ready');
  return running;
}
