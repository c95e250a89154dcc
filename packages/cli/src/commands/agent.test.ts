import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import type { MemoryIo } from '../test-support.js';
import { eventually, memoryIo } from '../test-support.js';

const READY = /eksid agent ready at (http:\/\/127\.0\.0\.1:\d+\/v1\/credentials)/;

/** Starts `eksid agent` with `args`, sends it one request without a token, and stops it. */
async function agentServingOneRequest(io: MemoryIo, args: string[]): Promise<void> {
  const exit = run(['agent', '--cluster', 'demo', '--endpoint', 'http://127.0.0.1:9', ...args], io);
  const url = await eventually(() => READY.exec(io.out())?.[1]);
  await fetch(url);
  await eventually(() => (io.err().includes('Error fetching credentials') ? true : undefined));
  io.stop('SIGTERM');
  expect(await exit).toBe(0);
}

describe('eksid agent', () => {
  it('should print its loopback credentials URL once ready, serve it, and stop cleanly', async () => {
    const io = memoryIo();
    const exit = run(['agent', '--cluster', 'demo', '--endpoint', 'http://127.0.0.1:9', '--log-level', 'silent'], io);
    const url = await eventually(() => READY.exec(io.out())?.[1]);
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Service account token cannot be empty\n');
    expect(io.out()).toMatch(/ {2}probes {2}http:\/\/127\.0\.0\.1:\d+\/healthz/);
    io.stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(io.err()).toBe('');
  });

  it('should log readable lines, no JSON, when stderr is a terminal', async () => {
    const io = { ...memoryIo({ NO_COLOR: '1' }), stderrIsTty: true };
    await agentServingOneRequest(io, []);
    const lines = io.err().trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: handling new request request from 127\.0\.0\.1:\d+ \{"client-addr":"127\.0\.0\.1:\d+","cluster-name":"demo"\}$/));
    expect(io.out()).toMatch(/^eksid agent ready at /);
  });

  it('should log JSON lines with the real agent\'s field names when stderr is not a terminal, or with --log-format json', async () => {
    for (const io of [memoryIo(), { ...memoryIo(), stderrIsTty: true }]) {
      await agentServingOneRequest(io, io.stderrIsTty ? ['--log-format', 'json'] : []);
      const entries = io.err().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries).toContainEqual({
        level: 'error',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: 'Error fetching credentials: Service account token cannot be empty',
        'client-addr': expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        'cluster-name': 'demo',
      });
    }
  });
});
