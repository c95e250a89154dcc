import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { eventually, memoryIo } from '../test-support.js';

describe('eksid webhook', () => {
  it('should pass upstream flags through, print where it serves and where the caBundle is, and stop cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-webhook-'));
    try {
      const io = memoryIo();
      const exit = run(['webhook', '--port', '0', '--metrics-port=0', '--host', '127.0.0.1', '--in-cluster', 'false', '--sts-regional-endpoint', '--cert-dir', dir], io);
      const metrics = await eventually(() => /metrics (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(io.out())?.[1]);
      expect(io.out()).toMatch(/^eksid webhook ready at https:\/\/127\.0\.0\.1:\d+\n/);
      expect(io.out()).toContain(`  caBundle ${join(dir, 'ca-bundle.txt')}\n`);
      expect(existsSync(join(dir, 'ca-bundle.txt'))).toBe(true);
      expect((await fetch(`${metrics}/healthz`)).status).toBe(200);
      io.stop('SIGINT');
      expect(await exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [false, []],
    [true, ['--log-format=json']],
  ])('should log JSON entries on stderr (terminal %s, flags %j)', async (tty, flags) => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-webhook-'));
    try {
      const io = { ...memoryIo(), stderrIsTty: tty };
      const exit = run(['webhook', '--port=0', '--metrics-port=0', '--host=127.0.0.1', '--in-cluster=false', `--cert-dir=${dir}`, ...flags], io);
      await eventually(() => (io.out().includes('eksid webhook ready') ? true : undefined));
      io.stop('SIGINT');
      expect(await exit).toBe(0);
      expect(JSON.parse(io.err())).toEqual({
        level: 'info', time: expect.any(String), msg: 'no Kubernetes API configured: service accounts are unknown, only Pod Identity associations apply',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should log readable lines on a terminal, and nothing below --log-level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-webhook-'));
    try {
      for (const [flags, expected] of [[[], /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: no Kubernetes API configured: .*\n$/], [['--log-level', 'warn'], /^$/]] as const) {
        const io = { ...memoryIo({ NO_COLOR: '1' }), stderrIsTty: true };
        const exit = run(['webhook', '--port=0', '--metrics-port=0', '--host=127.0.0.1', '--in-cluster=false', `--cert-dir=${dir}`, ...flags], io);
        await eventually(() => (io.out().includes('eksid webhook ready') ? true : undefined));
        io.stop('SIGINT');
        expect(await exit).toBe(0);
        expect(io.err()).toMatch(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
