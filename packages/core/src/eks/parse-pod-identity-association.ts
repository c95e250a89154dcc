import type {
  CreatePodIdentityAssociationRequest,
  ListPodIdentityAssociationsRequest,
  UpdatePodIdentityAssociationRequest,
} from '../shapes/models/eks.js';
import { InvalidParameterError } from './errors.js';
import { eksInput } from './input.js';
import { checkReservedTagKeys } from './tags.js';

// The association operations' inputs are their model shapes (read by input.ts eksInput).
export type CreatePodIdentityAssociationInput = CreatePodIdentityAssociationRequest;
/** An empty targetRoleArn removes the target role. */
export type UpdatePodIdentityAssociationInput = UpdatePodIdentityAssociationRequest;
export type ListPodIdentityAssociationsInput = ListPodIdentityAssociationsRequest;

/** ListPodIdentityAssociationsMaxResults' maximum, EKS's default page. */
export const MAX_ASSOCIATION_RESULTS = 100;

/** The model's checks, then the reserved `aws:` tag keys the model only documents. */
export function parseCreatePodIdentityAssociationInput(clusterName: string, body: unknown): CreatePodIdentityAssociationInput {
  const input = eksInput('CreatePodIdentityAssociation', { path: { name: clusterName }, body });
  checkReservedTagKeys(input.tags, InvalidParameterError);
  return input;
}
