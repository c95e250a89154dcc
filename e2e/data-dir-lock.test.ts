import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ENTRY, EKSID_NODE, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { freePort } from './support/processes.js';

interface Start {
  pid: number;
  /** Resolves with the exit of a start that gave up, or 'ready' once it serves. */
  outcome: Promise<{ code: number | null; stderr: string } | 'ready'>;
  kill(): void;
}

/** `eksid up` on `dataDir`: ready once its health route answers, or its exit code and stderr. */
function up(dataDir: string, port: number): Start {
  const child = spawn(EKSID_NODE, [CLI_ENTRY, 'up', '--port', String(port), '--data', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        await fetch(`http://127.0.0.1:${port}/_eksid/health`);
        return 'ready' as const;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return exited;
  })();
  return { pid: child.pid as number, outcome: Promise.race([exited, ready]), kill: () => child.kill('SIGTERM') };
}

describe('one eksid per data directory', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('should make a second `up` on the same --data exit 1 with one line naming the holder', async () => {
    const first: EksidProcess = await startEksid();
    cleanup.push(() => first.stop());
    const second = await up(first.dataDir, await freePort()).outcome;
    expect(second).toEqual({ code: 1, stderr: `eksid: data directory ${first.dataDir} is in use by eksid pid ${first.pid} at ${first.url}\n` });
  });

  it('should start exactly one of five simultaneous first starts on a fresh directory, the others refused cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eksid-race-'));
    const fresh = join(dataDir, 'data');
    const starts = await Promise.all(Array.from({ length: 5 }, async () => up(fresh, await freePort())));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    for (const start of starts) cleanup.push(() => start.kill());
    const outcomes = await Promise.all(starts.map((s) => s.outcome));
    const winners = starts.filter((_, i) => outcomes[i] === 'ready');
    expect(winners).toHaveLength(1);
    const refused = outcomes.filter((o) => o !== 'ready');
    for (const o of refused) {
      expect(o).toEqual({ code: 1, stderr: expect.stringMatching(new RegExp(`^eksid: data directory ${fresh} is in use by eksid pid ${winners[0]?.pid}( \\(starting\\)| at http://127\\.0\\.0\\.1:\\d+)\\n$`)) });
    }
  });
});
