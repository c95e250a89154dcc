import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A process the benchmark started, with its base URL; `stop()` ends it. */
export interface Peer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `command` and waits until `readyUrl` answers (any HTTP status), for at most 60 s. */
export async function startPeer(name: string, command: string, args: string[], url: string, readyPath: string, env: Record<string, string> = {}): Promise<Peer> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production', ...env } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}): ${stderr.trim()}`);
    try {
      await fetch(url + readyPath);
      return { name, url, pid: child.pid as number, stop: () => stop(child) };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await stop(child);
  throw new Error(`${name} did not answer at ${url} within 60 s: ${stderr.trim()}`);
}

function stop(child: ChildProcess): Promise<void> {
  // A process killed by a signal (kill -9 in e2e/durability.test.ts) has a signalCode, no exitCode.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** A process started by waitForLine, with the match of the line it printed when ready. */
export interface ReadyProcess {
  match: RegExpExecArray;
  stop(): Promise<void>;
}

/**
 * Starts `command` and waits (at most 60 s) until its stdout prints a line matching `ready`,
 * as a person waits for `eksid ready at …`; stderr is kept for the error if it never does.
 */
export async function waitForLine(command: string, args: string[], ready: RegExp, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ReadyProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')}: no line matching ${ready} within 60 s; stdout: ${stdout.slice(-2000)} stderr: ${stderr}`)), 60_000);
      child.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString();
        const found = ready.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready: ${stderr.trim()}`));
      });
    });
    return { match, stop: () => stop(child) };
  } catch (err) {
    await stop(child);
    throw err;
  }
}
