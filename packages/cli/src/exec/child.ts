import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { CliError } from '../errors.js';

/** The signals a terminal or a supervisor sends to stop or reload; all go on to CMD. */
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Forwarded = (typeof FORWARDED_SIGNALS)[number];

/** Where signals come from; process by default, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: Forwarded, listener: () => void): unknown;
  off(signal: Forwarded, listener: () => void): unknown;
}

export interface ChildOptions {
  env: Record<string, string>;
  stdio?: StdioOptions;
  signals?: SignalSource;
  /** Called once CMD runs (tests read its piped stdout before sending signals). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Holds SIGINT/SIGTERM/SIGHUP while `exec` prepares (token, agent): the first one is
 * remembered instead of killing eksid mid-setup, so the temp dir and agent are still cleaned
 * up, and CMD is then not started. release() must be called right before runChild.
 */
export function holdSignals(signals: SignalSource = process): { received(): Forwarded | undefined; release(): void } {
  let first: Forwarded | undefined;
  const listeners = FORWARDED_SIGNALS.map((signal) => [signal, () => void (first ??= signal)] as const);
  for (const [signal, listener] of listeners) signals.on(signal, listener);
  return {
    received: () => first,
    release: () => {
      for (const [signal, listener] of listeners) signals.off(signal, listener);
    },
  };
}

/** A shell's exit status for a process that ended: its code, or 128 + the signal number. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

/**
 * Runs CMD with inherited stdio until it ends, passing on SIGINT/SIGTERM/SIGHUP (while it
 * runs they do not stop eksid, which must clean up after CMD). Resolves CMD's exit status;
 * a CMD that cannot start is a one-line error with a shell's status: 127 not found, 126
 * not executable.
 */
export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<number> {
  const signals = options.signals ?? process;
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: options.env, stdio: options.stdio ?? 'inherit' });
    const forward = new Map(FORWARDED_SIGNALS.map((s) => [s, () => void child.kill(s)] as const));
    for (const [signal, listener] of forward) signals.on(signal, listener);
    const detach = () => {
      for (const [signal, listener] of forward) signals.off(signal, listener);
    };
    child.once('spawn', () => options.onSpawn?.(child));
    child.once('error', (err: NodeJS.ErrnoException) => {
      detach();
      if (err.code === 'ENOENT') reject(new CliError(`${command}: command not found`, 127));
      else if (err.code === 'EACCES') reject(new CliError(`${command}: permission denied`, 126));
      else reject(new CliError(`${command}: ${err.message}`, 126));
    });
    child.once('exit', (code, signal) => {
      detach();
      resolve(exitStatus(code, signal));
    });
  });
}
