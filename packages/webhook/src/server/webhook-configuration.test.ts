import { describe, expect, it } from 'vitest';
import { mutatingWebhookConfiguration } from './webhook-configuration.js';

describe('mutatingWebhookConfiguration', () => {
  it('targets the service\'s /mutate for pod creation, trusting the caBundle', () => {
    expect(mutatingWebhookConfiguration({ caBundle: 'Q0E=', serviceName: 'pod-identity-webhook', namespace: 'eks', port: 443 })).toEqual({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'pod-identity-webhook' },
      webhooks: [{
        name: 'pod-identity-webhook.amazonaws.com',
        clientConfig: { service: { name: 'pod-identity-webhook', namespace: 'eks', path: '/mutate' }, caBundle: 'Q0E=' },
        failurePolicy: 'Ignore',
        sideEffects: 'None',
        admissionReviewVersions: ['v1', 'v1beta1'],
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
      }],
    });
  });

  it('names a non-default port', () => {
    const configuration = mutatingWebhookConfiguration({ caBundle: 'x', serviceName: 's', namespace: 'n', port: 8443 }) as {
      webhooks: { clientConfig: { service: { port?: number } } }[];
    };
    expect(configuration.webhooks[0]?.clientConfig.service.port).toBe(8443);
  });
});
