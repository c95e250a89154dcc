import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Time as `exec` sees it; tests drive it by hand instead of sleeping. */
export interface Scheduler {
  /** Runs fn after ms; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemScheduler: Scheduler = {
  after: (ms, fn) => {
    // Timers beyond 2^31-1 ms fire at once in Node; a token that long-lived needs no refresh.
    if (ms > 2 ** 31 - 1) return () => undefined;
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * Writes a token as kubelet projects it: the JWT alone, no trailing newline (botocore refuses
 * a header with one), mode 0600 in a 0700 directory. Written aside then renamed, so an SDK
 * re-reading the file during a refresh never sees half a token.
 */
export function writeTokenFile(file: string, token: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, token, { mode: 0o600 });
  chmodSync(staging, 0o600);
  renameSync(staging, file);
}

export interface TokenRefreshOptions {
  file: string;
  expirationSeconds: number;
  mint(): Promise<string>;
  scheduler: Scheduler;
  onError(message: string): void;
}

/** Kubelet refreshes a projected token once 80% of its lifetime has passed. */
const REFRESH_FRACTION = 0.8;

/**
 * Writes the first token, then a fresh one at 80% of each token's lifetime for as long as CMD
 * runs. A failed refresh is reported and retried (a tenth of the lifetime later, at most a
 * minute) while the current token is still valid.
 */
export async function startTokenRefresh(options: TokenRefreshOptions): Promise<{ close(): void }> {
  const lifetimeMs = options.expirationSeconds * 1000;
  const retryMs = Math.min(60_000, lifetimeMs / 10);
  let cancel: () => void = () => undefined;
  let closed = false;
  const refresh = async (): Promise<void> => {
    try {
      const token = await options.mint();
      if (closed) return;
      writeTokenFile(options.file, token);
      cancel = options.scheduler.after(lifetimeMs * REFRESH_FRACTION, () => void refresh());
    } catch (err) {
      if (closed) return;
      options.onError(`token refresh failed, retrying: ${(err as Error).message}`);
      cancel = options.scheduler.after(retryMs, () => void refresh());
    }
  };
  writeTokenFile(options.file, await options.mint());
  cancel = options.scheduler.after(lifetimeMs * REFRESH_FRACTION, () => void refresh());
  return {
    close: () => {
      closed = true;
      cancel();
    },
  };
}
