import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookCertificates, writeWebhookCertificates } from './certs.js';
import type { WebhookCertificates } from './certs.js';

const NOW = new Date('2026-01-02T03:04:05Z');
let certs: WebhookCertificates;
let dir: string;

beforeAll(async () => {
  certs = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: NOW, validityDays: 30 });
  dir = await mkdtemp(join(tmpdir(), 'eksid-certs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generateWebhookCertificates', () => {
  it('makes a CA certificate', () => {
    const ca = new X509Certificate(certs.caCert);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=eksid-webhook-ca');
    expect(ca.checkIssued(ca)).toBe(true);
  });

  it('makes a serving certificate the CA signed, for the service DNS names and loopback', () => {
    const ca = new X509Certificate(certs.caCert);
    const cert = new X509Certificate(certs.cert);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName?.split(', ')).toEqual([
      'DNS:pod-identity-webhook.eks.svc',
      'DNS:pod-identity-webhook.eks.svc.cluster.local',
      'DNS:pod-identity-webhook',
      'DNS:pod-identity-webhook.eks',
      'DNS:localhost',
      'IP Address:127.0.0.1',
    ]);
    expect(cert.checkHost('pod-identity-webhook.eks.svc')).toBe('pod-identity-webhook.eks.svc');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(new Date(cert.validTo).getTime() - NOW.getTime()).toBe(30 * 86_400_000);
  });

  it('pairs the serving key with the certificate', () => {
    const key = createPrivateKey(certs.key);
    expect(new X509Certificate(certs.cert).checkPrivateKey(key)).toBe(true);
  });

  it('gives the caBundle as base64 of the CA PEM', () => {
    expect(Buffer.from(certs.caBundle, 'base64').toString()).toBe(certs.caCert);
  });
});

describe('writeWebhookCertificates', () => {
  it('writes ca.crt, tls.crt, a private tls.key and ca-bundle.txt', async () => {
    await writeWebhookCertificates(dir, certs);
    expect(await readFile(join(dir, 'ca.crt'), 'utf8')).toBe(certs.caCert);
    expect(await readFile(join(dir, 'tls.crt'), 'utf8')).toBe(certs.cert);
    expect(await readFile(join(dir, 'tls.key'), 'utf8')).toBe(certs.key);
    expect((await stat(join(dir, 'tls.key'))).mode & 0o077).toBe(0);
    expect(await readFile(join(dir, 'ca-bundle.txt'), 'utf8')).toBe(`${certs.caBundle}\n`);
  });
});
