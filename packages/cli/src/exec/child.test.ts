import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitStatus, holdSignals, runChild } from './child.js';
import type { SignalSource } from './child.js';

const env = { PATH: process.env['PATH'] ?? '' };

describe('exitStatus', () => {
  it.each([
    [0, null, 0],
    [7, null, 7],
    [null, 'SIGTERM', 143],
    [null, 'SIGINT', 130],
    [null, 'SIGKILL', 137],
  ] as const)('should map code %s / signal %s to %s like a shell', (code, signal, status) => {
    expect(exitStatus(code, signal)).toBe(status);
  });
});

describe('holdSignals', () => {
  it('should remember the first signal until released, then stop listening', () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const held = holdSignals(signals);
    expect(held.received()).toBeUndefined();
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(held.received()).toBe('SIGTERM');
    held.release();
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT') + signals.listenerCount('SIGHUP')).toBe(0);
  });
});

describe('runChild', () => {
  it("should resolve the command's exit code", async () => {
    expect(await runChild('sh', ['-c', 'exit 7'], { env, stdio: 'ignore' })).toBe(7);
  });

  it('should reject a missing command with 127, like a shell', async () => {
    await expect(runChild('eksid-no-such-command', [], { env, stdio: 'ignore' })).rejects.toMatchObject({ exitCode: 127, message: 'eksid-no-such-command: command not found' });
  });

  it('should forward SIGTERM to the command and stop listening once it ends', async () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    let ready: () => void = () => undefined;
    const listening = new Promise<void>((resolve) => (ready = resolve));
    // The child says "ready" only once its handler is in place.
    const status = runChild(process.execPath, ['-e', "process.on('SIGTERM', () => process.exit(42)); console.log('ready'); setInterval(() => {}, 1000)"], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      signals,
      onSpawn: (child) => child.stdout?.on('data', () => ready()),
    });
    await listening;
    expect(signals.listenerCount('SIGTERM')).toBe(1);
    signals.emit('SIGTERM');
    expect(await status).toBe(42);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('should report 128 + the signal when the forwarded signal ends the command', async () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const status = runChild('sleep', ['30'], { env, stdio: 'ignore', signals, onSpawn: () => signals.emit('SIGINT') });
    expect(await status).toBe(130);
  });
});
