import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { eventually, memoryIo } from '../test-support.js';
import type { MemoryIo } from '../test-support.js';

const ROOT = { id: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const READY = /eksid ready at (http:\/\/127\.0\.0\.1:\d+)/;
const EXPORTED_KEYS = /AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)\n/;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `up` until it is ready, then stops it; returns its output and exit code. */
async function upOnce(args: string[], env: Record<string, string> = {}, whileUp: (url: string) => Promise<void> = async () => {}): Promise<{ io: MemoryIo; code: number }> {
  const io = memoryIo(env);
  const exit = run(['up', '--port', '0', '--log-level', 'silent', ...args], io);
  try {
    await whileUp(await eventually(() => READY.exec(io.out())?.[1]));
  } finally {
    io.stop();
  }
  return { io, code: await exit };
}

describe('eksid up --strict-signatures', () => {
  it('should print the root key pair given in EKSID_ROOT_* for SDKs to sign with, and refuse unsigned EKS calls', async () => {
    const env = { EKSID_ROOT_ACCESS_KEY_ID: ROOT.id, EKSID_ROOT_SECRET_ACCESS_KEY: ROOT.secret };
    const { io, code } = await upOnce(['--strict-signatures'], env, async (url) => {
      const res = await fetch(`${url}/clusters`);
      expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    });
    expect(code).toBe(0);
    expect(io.out()).toContain("Point AWS SDKs and CLIs at it (strict signatures: sign with the account root's key pair):");
    expect(EXPORTED_KEYS.exec(io.out())?.slice(1)).toEqual([ROOT.id, ROOT.secret]);
  });

  it('should create the root key pair with the data, AWS-shaped, and keep it across restarts', async () => {
    const data = mkdtempSync(join(tmpdir(), 'eksid-root-key-'));
    dirs.push(data);
    const first = EXPORTED_KEYS.exec((await upOnce(['--strict-signatures', '--data', data])).io.out())?.slice(1);
    expect(first?.[0]).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(first?.[1]).toMatch(/^[A-Za-z0-9+/]{40}$/);
    const second = EXPORTED_KEYS.exec((await upOnce(['--strict-signatures', '--data', data])).io.out())?.slice(1);
    expect(second).toEqual(first);
  });

  it('should keep telling lenient users that any key will do', async () => {
    const { io } = await upOnce([], { EKSID_ROOT_ACCESS_KEY_ID: ROOT.id, EKSID_ROOT_SECRET_ACCESS_KEY: ROOT.secret });
    expect(io.out()).toContain('Point AWS SDKs and CLIs at it (any credentials will do):');
    expect(EXPORTED_KEYS.exec(io.out())?.slice(1)).toEqual(['test', 'test']);
  });

  it.each([
    ['only the key id flag', ['--root-access-key-id', ROOT.id], {}],
    ['only the secret variable', [], { EKSID_ROOT_SECRET_ACCESS_KEY: ROOT.secret }],
  ])('should refuse %s as a usage error, exit 2', async (_name, flags, env) => {
    const io = memoryIo(env);
    expect(await run(['up', '--port', '0', '--strict-signatures', ...flags], io)).toBe(2);
    expect(io.err()).toBe(
      'eksid: the root access key id and secret access key go together: give both (--root-access-key-id and --root-secret-access-key, or EKSID_ROOT_ACCESS_KEY_ID and EKSID_ROOT_SECRET_ACCESS_KEY) or neither\n',
    );
  });

  it('should refuse a root access key id AWS would not issue', async () => {
    const io = memoryIo();
    expect(await run(['up', '--port', '0', '--root-access-key-id', 'AKIA/1', '--root-secret-access-key', 's'], io)).toBe(2);
    expect(io.err()).toBe("eksid: invalid root access key id 'AKIA/1': expected 16 to 128 letters, digits or underscores\n");
  });
});
