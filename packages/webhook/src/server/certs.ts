// Self-signed serving material for running out of cluster: a CA plus a serving certificate it
// signs, so a MutatingWebhookConfiguration can trust the webhook through caBundle. Keys come from
// node:crypto (native RSA keygen; node-forge's pure-JS keygen takes seconds) and forge signs.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

export interface CertificateRequest {
  serviceName: string;
  namespace: string;
  now: Date;
  validityDays?: number;
}

export interface WebhookCertificates {
  caCert: string;
  cert: string;
  key: string;
  /** base64 of the CA PEM: the MutatingWebhookConfiguration's clientConfig.caBundle. */
  caBundle: string;
  /** DNS names and IPs the serving certificate is valid for. */
  hosts: string[];
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function baseCertificate(publicKey: forge.pki.PublicKey, now: Date, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: clear the top bit so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  return cert;
}

/** Hosts Kubernetes may dial (service DNS forms) plus loopback for out-of-cluster use. */
export function servingHosts(serviceName: string, namespace: string): string[] {
  return [
    `${serviceName}.${namespace}.svc`,
    `${serviceName}.${namespace}.svc.cluster.local`,
    serviceName,
    `${serviceName}.${namespace}`,
    'localhost',
    '127.0.0.1',
  ];
}

export function generateWebhookCertificates(request: CertificateRequest): WebhookCertificates {
  const days = request.validityDays ?? 365;
  const caKeys = keyPair();
  const ca = baseCertificate(caKeys.publicKey, request.now, days);
  const caSubject = [{ name: 'commonName', value: 'eksid-webhook-ca' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const hosts = servingHosts(request.serviceName, request.namespace);
  const keys = keyPair();
  const cert = baseCertificate(keys.publicKey, request.now, days);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
    },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());

  const caCert = forge.pki.certificateToPem(ca);
  return {
    caCert,
    cert: forge.pki.certificateToPem(cert),
    key: forge.pki.privateKeyToPem(keys.privateKey),
    caBundle: Buffer.from(caCert).toString('base64'),
    hosts,
  };
}

export const CERTIFICATE_FILES = {
  caCert: 'ca.crt',
  cert: 'tls.crt',
  key: 'tls.key',
  caBundle: 'ca-bundle.txt',
  webhookConfiguration: 'mutating-webhook-configuration.json',
} as const;

/** Writes ca.crt, tls.crt, tls.key (mode 0600) and ca-bundle.txt into dir. */
export async function writeWebhookCertificates(dir: string, certs: WebhookCertificates): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, CERTIFICATE_FILES.caCert), certs.caCert);
  await writeFile(join(dir, CERTIFICATE_FILES.cert), certs.cert);
  await writeFile(join(dir, CERTIFICATE_FILES.key), certs.key, { mode: 0o600 });
  await writeFile(join(dir, CERTIFICATE_FILES.caBundle), `${certs.caBundle}\n`);
}
