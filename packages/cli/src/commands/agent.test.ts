import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { eventually, memoryIo } from '../test-support.js';

describe('eksid agent', () => {
  it('should print its loopback credentials URL once ready, serve it, and stop cleanly', async () => {
    const io = memoryIo();
    const exit = run(['agent', '--cluster', 'demo', '--endpoint', 'http://127.0.0.1:9', '--log-level', 'silent'], io);
    const url = await eventually(() => /eksid agent ready at (http:\/\/127\.0\.0\.1:\d+\/v1\/credentials)/.exec(io.out())?.[1]);
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Service account token cannot be empty\n');
    expect(io.out()).toMatch(/ {2}probes {2}http:\/\/127\.0\.0\.1:\d+\/healthz/);
    io.stop('SIGTERM');
    expect(await exit).toBe(0);
  });
});
