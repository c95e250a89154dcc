import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { memoryIo } from '../test-support.js';

describe('eksid webhook-certs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eksid-webhook-certs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should write a CA, a serving certificate it signs for the service, its key and the caBundle', async () => {
    const io = memoryIo();
    const out = join(dir, 'certs');
    expect(await run(['webhook-certs', '--out', out, '--service-name', 'pod-identity-webhook', '--namespace', 'eksid-system', '--days', '30'], io)).toBe(0);
    expect(io.out()).toBe(['ca.crt', 'tls.crt', 'tls.key', 'ca-bundle.txt'].map((f) => `${join(out, f)}\n`).join(''));
    const ca = new X509Certificate(readFileSync(join(out, 'ca.crt')));
    const serving = new X509Certificate(readFileSync(join(out, 'tls.crt')));
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.checkHost('pod-identity-webhook.eksid-system.svc')).toBe('pod-identity-webhook.eksid-system.svc');
    const days = (Date.parse(serving.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(Buffer.from(readFileSync(join(out, 'ca-bundle.txt'), 'utf8').trim(), 'base64').toString()).toBe(readFileSync(join(out, 'ca.crt'), 'utf8'));
    expect(statSync(join(out, 'tls.key')).mode & 0o777).toBe(0o600);
  });

  it("should default to upstream's service name and namespace", async () => {
    expect(await run(['webhook-certs', '--out', dir], memoryIo())).toBe(0);
    expect(new X509Certificate(readFileSync(join(dir, 'tls.crt'))).checkHost('pod-identity-webhook.eks.svc')).toBe('pod-identity-webhook.eks.svc');
  });

  it('should fail with one line when the directory cannot be written', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const io = memoryIo();
    expect(await run(['webhook-certs', '--out', join(file, 'certs')], io)).toBe(1);
    expect(io.err()).toMatch(/^eksid: cannot write certificates to .*a-file\/certs: [^\n]+\n$/);
  });

  it.each([[[]], [['--days', '0']], [['--days', '9999']]])('should be a usage error (exit 2) for %j', async (args) => {
    const io = memoryIo();
    const out = args.length === 0 ? [] : ['--out', dir];
    expect(await run(['webhook-certs', ...out, ...args], io)).toBe(2);
    expect(io.err()).toMatch(/^eksid: [^\n]+\n$/);
  });
});
