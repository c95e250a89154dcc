import { startEksidServer } from '@eksid/server';
import type { RunningEksidServer } from '@eksid/server';
import { pino } from 'pino';
import { readConfigFile } from './config-file.js';
import type { Io } from './io.js';

/* Test support: an Io that records output and stops `up` on demand. Not exported from the package. */
export interface MemoryIo extends Io {
  out(): string;
  err(): string;
  /** Delivers a stop signal to a running `up`. */
  stop(signal?: string): void;
}

export function memoryIo(env: Record<string, string | undefined> = {}): MemoryIo {
  let out = '';
  let err = '';
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env,
    stopSignal: () => stopped,
    out: () => out,
    err: () => err,
    stop: (signal = 'SIGTERM') => stop(signal),
  };
}

/** Polls `check` until it returns a value, or fails after `ms`; tests never sleep blindly. */
export async function eventually<T>(check: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.trim().split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) };
}

/** A server in this process on a free port with a throwaway store, like `eksid up --config FILE`. */
export function startTestServer(configFile?: string, options: { publicUrl?: string } = {}): Promise<RunningEksidServer> {
  const config = configFile === undefined ? undefined : readConfigFile(configFile);
  return startEksidServer({ port: 0, host: '127.0.0.1', data: ':memory:', config, configSource: configFile, ...options }, pino({ level: 'silent' }));
}
