import { callEksid, requestEksid } from '../client.js';
import type { EksidTarget } from '../client.js';
import { CliError } from '../errors.js';

export interface PodIdentityTarget {
  cluster: string;
  namespace: string;
  serviceAccount: string;
}

export interface ServiceAccountInfo {
  uid: string;
  annotations: Record<string, string>;
}

const segment = encodeURIComponent;

/** The service account as the webhook would read it from the API server. */
export async function readServiceAccount(server: EksidTarget, target: PodIdentityTarget): Promise<ServiceAccountInfo> {
  const body = await callEksid(server, 'GET', `/_eksid/clusters/${segment(target.cluster)}/service-accounts/${segment(target.namespace)}/${segment(target.serviceAccount)}`);
  const annotations: Record<string, string> = {};
  const raw = body['annotations'];
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') annotations[key] = value;
  }
  return { uid: String(body['uid'] ?? ''), annotations };
}

/**
 * Whether EKS would give the account Pod Identity: ListPodIdentityAssociations filtered by
 * namespace and service account (the real API's query parameters), matched again here so a
 * server that ignored the filters cannot give a false yes. A server without the association
 * API (404 UnknownOperationException: an older eksid) has no associations, so IRSA decides.
 */
export async function hasPodIdentityAssociation(server: EksidTarget, target: PodIdentityTarget): Promise<boolean> {
  const query = new URLSearchParams({ namespace: target.namespace, serviceAccount: target.serviceAccount });
  const reply = await requestEksid(server, 'GET', `/clusters/${segment(target.cluster)}/pod-identity-associations?${query}`);
  if (reply.status === 404 && reply.errorType === 'UnknownOperationException') return false;
  if (reply.status !== 200) {
    const message = typeof reply.body['message'] === 'string' ? reply.body['message'] : `HTTP ${reply.status}`;
    throw new CliError(`cannot list pod identity associations: ${message}`);
  }
  const associations = Array.isArray(reply.body['associations']) ? (reply.body['associations'] as unknown[]) : [];
  return associations.some((a) => {
    const item = a as Record<string, unknown> | null;
    return item?.['namespace'] === target.namespace && item['serviceAccount'] === target.serviceAccount;
  });
}
