// A tiny HTTPS client that trusts the webhook's generated CA, as the API server would through
// the MutatingWebhookConfiguration's caBundle.
import { request } from 'node:https';

export interface HttpResult {
  status: number;
  contentType: string | undefined;
  body: string;
}

export function post(url: string, body: string, options: { ca: string; contentType?: string; method?: string }): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'POST',
      ca: options.ca,
      headers: { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function admissionReview(pod: unknown, options: { apiVersion?: string; uid?: string; namespace?: string } = {}): string {
  return JSON.stringify({
    apiVersion: options.apiVersion ?? 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: options.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: options.namespace ?? 'default',
      operation: 'CREATE',
      object: pod,
    },
  });
}
