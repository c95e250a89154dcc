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
});
