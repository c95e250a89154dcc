import { DataDirInUseError, DecisionLog, DEFAULT_ACCOUNT_ID, DEFAULT_RETENTION, DEFAULT_REGION, applyDocument, coreConfig, parseApplyDocument, systemDeps, Store, AwsError } from '@eksid/core';
import type { ApplyDocument, ApplySummary } from '@eksid/core';
import { ADMIN_TOKEN_SECRET, newAdminToken } from '@eksid/core/admin-token';
import { normalizeAllowedHost } from '@eksid/core/hosts';
import type { Logger } from 'pino';
import type { ServerContext } from '../context.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { givenRootKey, storedRootKey } from './root-key.js';
import { StartError } from './start-error.js';

/** How often an idle server drops decisions past their age (writes prune as they go). */
const PRUNE_INTERVAL_MS = 10 * 60_000;

export interface EksidServerOptions {
  port: number;
  host: string;
  /** A data directory, or `:memory:` for a throwaway store. */
  data: string;
  /** A config document as plain data (YAML or JSON already parsed), applied once listening. */
  config?: unknown;
  /** Where the config came from (a file name), prefixed to its errors. */
  configSource?: string;
  publicUrl?: string;
  /** Host names to answer besides loopback names, the public URL's host and a concrete bind address. */
  allowedHosts?: readonly string[];
  account?: string;
  region?: string;
  strictSignatures?: boolean;
  /** The account root's key pair (both or neither); default: created with the data. */
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** Register and fetch http:// OIDC issuers on any host, not just loopback. */
  allowHttpIssuers?: boolean;
  /** Evaluate IAM and EKS admin calls against the caller's identity policies (default: every caller may do everything). */
  enforceIam?: boolean;
  /** How many decision events the audit trail keeps (default 10 000). */
  eventsMaxCount?: number;
  /** How long, in seconds, the audit trail keeps a decision event (default a week). */
  eventsMaxAge?: number;
  /**
   * The admin token eksid's own API asks for (`EKSID_ADMIN_TOKEN`, `--admin-token`). Without it
   * the data's own is used, made on first start: the same token across restarts on one data dir.
   */
  adminToken?: string;
  /** Write decisions on a thread of their own (what `eksid up` does); default false. */
  writeThread?: boolean;
}

export interface RunningEksidServer {
  /** The public URL: what clients use and issuer URLs start with. */
  url: string;
  /** Where the server actually listens (differs from url behind a proxy or port mapping). */
  listenUrl: string;
  ctx: ServerContext;
  document?: ApplyDocument;
  summary?: ApplySummary;
  close(): Promise<void>;
}

/** Where clients reach a server bound to `host`: a wildcard bind is reached at loopback. */
function reachableUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

/** The names the server answers to (server's guard/request-guard.ts) must parse before anything opens. */
function checkHostOptions(options: EksidServerOptions): void {
  const { publicUrl } = options;
  if (publicUrl !== undefined && !/^https?:$/.test(URL.parse(publicUrl)?.protocol ?? '')) {
    throw new StartError(`invalid public URL '${publicUrl}': expected http:// or https:// and a host`, 'usage');
  }
  try {
    (options.allowedHosts ?? []).forEach(normalizeAllowedHost);
  } catch (err) {
    throw new StartError((err as Error).message, 'usage');
  }
}

/** Config errors name their source: `examples/demo.yaml: roles[0].trustPolicy: …`. */
function configProblem(options: EksidServerOptions, err: unknown): unknown {
  if (!(err instanceof AwsError)) return err;
  return new StartError(`${options.configSource ?? 'config'}: ${err.message}`);
}

function openStore(options: EksidServerOptions): Store {
  try {
    return Store.open(options.data, {
      // The request thread is the server's bottleneck under load (core's store/write-behind/).
      writeThread: options.writeThread ?? false,
    });
  } catch (err) {
    // One process per data directory (core's store/data-lock.ts): the message names the holder.
    if (err instanceof DataDirInUseError) throw new StartError(err.message);
    throw new StartError(`cannot open data ${options.data}: ${(err as Error).message}`);
  }
}

async function listen(ctx: ServerContext, options: EksidServerOptions): Promise<RunningServer> {
  try {
    return await startServer(ctx, { host: options.host, port: options.port, allowedHosts: options.allowedHosts });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'address already in use' : code === 'EADDRNOTAVAIL' ? 'address not available' : (err as Error).message;
    throw new StartError(`cannot listen on ${options.host}:${options.port}: ${why}`);
  }
}

/**
 * eksid's composition root: opens the store, listens, then applies the config with the public
 * URL known (port 0 picks a free port, and issuer URLs embed it). `eksid up` and the embedding
 * API (`startEksid` of the `eksid` package) both start eksid through here.
 */
export async function startEksidServer(options: EksidServerOptions, log: Logger): Promise<RunningEksidServer> {
  let document: ApplyDocument | undefined;
  try {
    document = options.config === undefined ? undefined : parseApplyDocument(options.config);
  } catch (err) {
    throw configProblem(options, err);
  }
  // The config's `account` is the default for the server, so `eksid up --config x` just works.
  const accountId = options.account ?? document?.account ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new StartError(`invalid account '${accountId}': expected 12 digits`, 'usage');
  const given = givenRootKey(options.rootAccessKeyId, options.rootSecretAccessKey);
  checkHostOptions(options);
  const store = openStore(options);
  const rootKey = given ?? storedRootKey(store, accountId);
  const settings = { accountId, region: options.region ?? DEFAULT_REGION, allowHttpIssuers: options.allowHttpIssuers ?? false };
  const ctx: ServerContext = {
    store,
    deps: systemDeps,
    config: coreConfig({ ...settings, publicUrl: options.publicUrl }),
    log,
    signatureMode: options.strictSignatures ? 'strict' : 'lenient',
    rootKey,
    enforceIam: options.enforceIam ?? false,
    decisions: new DecisionLog(store, systemDeps.clock, {
      maxCount: options.eventsMaxCount ?? DEFAULT_RETENTION.maxCount,
      maxAgeSeconds: options.eventsMaxAge ?? DEFAULT_RETENTION.maxAgeSeconds,
    }, (err, lost) => log.warn({ err, lost }, 'could not record decision events')),
    // Given for this run only, not stored: unset it and the data's own token is back.
    adminToken: options.adminToken || store.instanceSecrets.getOrCreate(ADMIN_TOKEN_SECRET, () => newAdminToken(systemDeps.random)),
  };
  // The log prunes as it writes; a restart with tighter retention (or after a long pause)
  // must not serve what the policy no longer keeps until the next few hundred decisions.
  const pruned = ctx.decisions.prune();
  if (pruned > 0) log.info({ pruned }, 'dropped decision events past retention');
  ctx.decisions.pruneEvery(PRUNE_INTERVAL_MS);
  let server: RunningServer;
  try {
    server = await listen(ctx, options);
  } catch (err) {
    ctx.decisions.close();
    store.close();
    throw err;
  }
  const close = async () => {
    await server.close();
    ctx.decisions.close();
    store.close();
  };
  ctx.config = coreConfig({ ...settings, publicUrl: options.publicUrl ?? reachableUrl(options.host, server.port) });
  store.lock?.record({ pid: process.pid, url: ctx.config.publicUrl });
  const running: RunningEksidServer = { url: ctx.config.publicUrl, listenUrl: server.url, ctx, close };
  if (document) {
    running.document = document;
    try {
      running.summary = await applyDocument(ctx, document);
    } catch (err) {
      await close();
      throw configProblem(options, err);
    }
  }
  // Debug: `eksid up` prints its banner, the first thing a person at a terminal should see.
  log.debug({ url: running.url, listen: server.url, accountId, region: settings.region, data: options.data }, 'eksid ready');
  return running;
}
