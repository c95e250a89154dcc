// Service-account annotations by namespace/name, fed by the informer. A miss is not final:
// upstream admitted pods unmutated when their service account was created moments before the
// pod and the informer had not caught up (upstream issues #174, #264). Here a miss waits for
// whichever comes first — the informer delivering it or a direct GET — bounded by a timeout.
import type { Annotations } from '../mutate/index.js';
import type { ServiceAccountLookup } from './types.js';

/** GET one service account; undefined when it does not exist. */
export type FetchServiceAccount = (namespace: string, name: string) => Promise<Annotations | undefined>;

export interface ServiceAccountCacheOptions {
  fetchDirect?: FetchServiceAccount | undefined;
  /** How long a miss may wait (direct GET or informer), in ms. */
  lookupTimeoutMs: number;
}

const key = (namespace: string, name: string): string => JSON.stringify([namespace, name]);

export class ServiceAccountCache implements ServiceAccountLookup {
  private readonly entries = new Map<string, Annotations>();
  private readonly waiters = new Map<string, Set<(annotations: Annotations) => void>>();

  constructor(private readonly options: ServiceAccountCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  set(namespace: string, name: string, annotations: Annotations): void {
    const k = key(namespace, name);
    this.entries.set(k, annotations);
    for (const wake of this.waiters.get(k) ?? []) wake(annotations);
    this.waiters.delete(k);
  }

  delete(namespace: string, name: string): void {
    this.entries.delete(key(namespace, name));
  }

  peek(namespace: string, name: string): Annotations | undefined {
    return this.entries.get(key(namespace, name));
  }

  async get(namespace: string, name: string): Promise<Annotations | undefined> {
    const cached = this.peek(namespace, name);
    if (cached !== undefined || this.options.lookupTimeoutMs <= 0) return cached;
    const k = key(namespace, name);
    let wake: ((annotations: Annotations) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fromInformer = new Promise<Annotations | undefined>((resolve) => {
      wake = resolve;
      const set = this.waiters.get(k) ?? new Set();
      set.add(resolve);
      this.waiters.set(k, set);
    });
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, this.options.lookupTimeoutMs, undefined);
    });
    const direct = this.options.fetchDirect === undefined
      ? new Promise<never>(() => undefined)
      : this.options.fetchDirect(namespace, name).then(
          (annotations) => {
            if (annotations !== undefined) this.set(namespace, name, annotations);
            return annotations;
          },
          () => timeout, // API unreachable: give the informer the rest of the window
        );
    try {
      return await Promise.race([fromInformer, direct, timeout]);
    } finally {
      clearTimeout(timer);
      const set = this.waiters.get(k);
      if (set !== undefined && wake !== undefined) {
        set.delete(wake);
        if (set.size === 0) this.waiters.delete(k);
      }
    }
  }
}
