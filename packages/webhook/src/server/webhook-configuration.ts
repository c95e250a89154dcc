// The MutatingWebhookConfiguration that points the API server at this webhook, modelled on
// upstream deploy/mutatingwebhook.yaml but in admissionregistration.k8s.io/v1 (v1beta1 is gone
// since Kubernetes 1.22). failurePolicy Ignore matches upstream: an unreachable webhook must not
// block pod creation cluster-wide.
export interface WebhookTarget {
  caBundle: string;
  serviceName: string;
  namespace: string;
  port: number;
}

export function mutatingWebhookConfiguration(target: WebhookTarget): unknown {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: target.serviceName },
    webhooks: [{
      name: `${target.serviceName}.amazonaws.com`,
      clientConfig: {
        service: {
          name: target.serviceName,
          namespace: target.namespace,
          path: '/mutate',
          ...(target.port === 443 ? {} : { port: target.port }),
        },
        caBundle: target.caBundle,
      },
      failurePolicy: 'Ignore',
      sideEffects: 'None',
      admissionReviewVersions: ['v1', 'v1beta1'],
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    }],
  };
}
