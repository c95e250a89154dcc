import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Network namespaces for e2e tests that need "hosts" (ip netns, root only). Everything a
 * topology creates is named `eksid-<role>-<pid>-<hex>`, lives only inside namespaces it made,
 * and `destroy()` removes it: processes first, then the namespaces (their links go with them).
 */

const IP_TIMEOUT_MS = 10_000;

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: IP_TIMEOUT_MS });
}

function firstLine(err: unknown): string {
  const e = err as { stderr?: string | Buffer; message?: string };
  const text = (e.stderr ? String(e.stderr) : '') || e.message || String(err);
  return text.trim().split('\n')[0] ?? '';
}

/** Why network namespaces cannot be made here, or undefined when they can (probed once). */
export const netnsUnavailable: string | undefined = (() => {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return `not root (uid ${process.getuid?.() ?? '?'})`;
  const probe = `eksid-probe-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    ip(['netns', 'add', probe]);
  } catch (err) {
    return `\`ip netns add\` failed: ${firstLine(err)}`;
  }
  try {
    ip(['netns', 'del', probe]);
  } catch {
    // Best effort: the probe namespace holds no process, so it is gone once unmounted.
  }
  return undefined;
})();

/** Prints a visible skip message once; returns true when the suite must skip. */
export function warnIfNoNetns(suite: string): boolean {
  if (netnsUnavailable !== undefined) console.warn(`\n!!! e2e: network namespaces cannot be created here, ${suite} is SKIPPED: ${netnsUnavailable}\n`);
  return netnsUnavailable !== undefined;
}

/** Names of the network namespaces `ip netns list` shows. */
export function listNetns(): string[] {
  return ip(['netns', 'list']).split('\n').map((line) => line.split(' ')[0] ?? '').filter(Boolean);
}

export interface NsRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A long-running process inside a namespace, with its output kept for waiting and errors. */
export interface NsDaemon {
  name: string;
  pid: number;
  output(): string;
  /** Resolves once stdout matches `pattern`; rejects if the process exits or the deadline passes. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Environment for processes in a namespace: no proxies (they would be unreachable there). */
export function withoutProxies(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^(?:https?|all|no)_proxy$/i.test(k)) out[k] = v;
  return out;
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface VethPair {
  /** Interface name inside each namespace (the same name on both sides: they are separate hosts). */
  device: string;
  /** CIDR prefix length of both addresses. */
  prefix: number;
}

/**
 * Namespaces named up front so `destroy()` can remove whatever exists even when `create*`
 * failed halfway. Call `destroy()` from afterAll; a process 'exit' hook is the backstop.
 */
export class NetnsTopology {
  readonly namespaces: Record<string, string>;
  private readonly created = new Set<string>();
  private readonly children = new Set<ChildProcess>();
  private readonly exitHook = (): void => this.destroySync();

  constructor(roles: readonly string[]) {
    const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
    this.namespaces = Object.fromEntries(roles.map((role) => [role, `eksid-${role}-${suffix}`]));
    process.once('exit', this.exitHook);
  }

  ns(role: string): string {
    const name = this.namespaces[role];
    if (name === undefined) throw new Error(`no namespace for role ${role}`);
    return name;
  }

  /** Creates the namespace of `role` with its loopback up. */
  addNamespace(role: string): string {
    const name = this.ns(role);
    ip(['netns', 'add', name]);
    this.created.add(name);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair between two of our namespaces, created inside the first: the root namespace never sees it. */
  connect(a: { role: string; address: string }, b: { role: string; address: string }, link: VethPair = { device: 'eth0', prefix: 30 }): void {
    const [nsA, nsB] = [this.ns(a.role), this.ns(b.role)];
    ip(['-n', nsA, 'link', 'add', link.device, 'type', 'veth', 'peer', 'name', link.device, 'netns', nsB]);
    for (const [ns, address] of [[nsA, a.address], [nsB, b.address]] as const) {
      ip(['-n', ns, 'addr', 'add', `${address}/${link.prefix}`, 'dev', link.device]);
      ip(['-n', ns, 'link', 'set', link.device, 'up']);
    }
  }

  /**
   * Gives a namespace a local address the way the real agent's `initialize` does (a dummy link
   * `pod-id-link0`), or on `lo` where the kernel has no dummy links. Returns the device used.
   */
  addLocalAddress(role: string, cidr: string, device = 'pod-id-link0'): string {
    const ns = this.ns(role);
    try {
      ip(['-n', ns, 'link', 'add', device, 'type', 'dummy']);
    } catch {
      ip(['-n', ns, 'addr', 'add', cidr, 'dev', 'lo']);
      return 'lo';
    }
    ip(['-n', ns, 'addr', 'add', cidr, 'dev', device]);
    ip(['-n', ns, 'link', 'set', device, 'up']);
    return device;
  }

  /** Starts `command` inside the namespace of `role` and keeps its output. */
  spawn(role: string, name: string, command: string, args: string[], env: NodeJS.ProcessEnv): NsDaemon {
    const child = spawn('ip', ['netns', 'exec', this.ns(role), command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    let out = '';
    const append = (d: Buffer) => (out = (out + d.toString()).slice(-8000));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const output = () => out;
    return {
      name,
      pid: child.pid ?? -1,
      output,
      stop: () => stopChild(child),
      waitFor: (pattern, timeoutMs) =>
        new Promise<void>((resolve, reject) => {
          const done = (err?: Error) => {
            clearTimeout(timer);
            child.stdout?.off('data', check);
            child.off('exit', exited);
            if (err) reject(err);
            else resolve();
          };
          const check = () => {
            if (pattern.test(out)) done();
          };
          const exited = (code: number | null, signal: string | null) =>
            done(new Error(`${name} exited (${code ?? signal}) before printing ${pattern}:\n${output().trim()}`));
          const timer = setTimeout(() => done(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output().trim()}`)), timeoutMs);
          child.stdout?.on('data', check);
          child.once('exit', exited);
          if (child.exitCode !== null) exited(child.exitCode, null);
          else check();
        }),
    };
  }

  /** Runs `command` to completion inside the namespace of `role`, killed after `timeoutMs`. */
  run(role: string, command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<NsRunResult> {
    return new Promise((resolve) => {
      const child = execFile('ip', ['netns', 'exec', this.ns(role), command, ...args], { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
        this.children.delete(child);
        const e = err as (Error & { code?: unknown; killed?: boolean }) | null;
        const code = e ? (typeof e.code === 'number' ? e.code : 1) : 0;
        resolve({ code, stdout, stderr: e?.killed ? `${stderr}\n(killed after ${timeoutMs} ms)` : stderr });
      });
      this.children.add(child);
    });
  }

  /** Stops our processes, kills anything left inside our namespaces, deletes the namespaces. */
  async destroy(): Promise<void> {
    await Promise.all([...this.children].map((child) => stopChild(child)));
    this.destroySync();
  }

  private destroySync(): void {
    for (const child of this.children) child.kill('SIGKILL');
    for (const name of this.created) {
      try {
        const pids = ip(['netns', 'pids', name]).split('\n').map(Number).filter((pid) => pid > 0);
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      } catch {
        // Namespace already unmounted.
      }
      try {
        ip(['netns', 'del', name]);
      } catch (err) {
        if (!/No such file/.test(firstLine(err))) console.warn(`e2e: could not delete network namespace ${name}: ${firstLine(err)}`);
      }
      this.created.delete(name);
    }
    process.off('exit', this.exitHook);
  }
}
