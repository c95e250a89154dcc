import type {
  CreateAddonRequest,
  DescribeAddonVersionsRequest,
  DescribeUpdateRequest,
  ListAddonsRequest,
  ListUpdatesRequest,
  UpdateAddonRequest,
} from '../shapes/models/eks.js';
import { InvalidParameterError } from './errors.js';
import { eksInput } from './input.js';
import { checkReservedTagKeys } from './tags.js';

// The add-on and update operations' inputs are their model shapes (read by input.ts eksInput).
export type CreateAddonInput = CreateAddonRequest;
export type UpdateAddonInput = UpdateAddonRequest;
export type DescribeUpdateInput = DescribeUpdateRequest;
export type ListUpdatesInput = ListUpdatesRequest;
export type ListAddonsInput = ListAddonsRequest;
export type DescribeAddonVersionsInput = DescribeAddonVersionsRequest;

/** The model's checks, then the reserved `aws:` tag keys the model only documents. */
export function parseCreateAddonInput(clusterName: string, body: unknown): CreateAddonInput {
  const input = eksInput('CreateAddon', { path: { name: clusterName }, body });
  checkReservedTagKeys(input.tags, InvalidParameterError);
  return input;
}

/**
 * The model's checks, except that an empty serviceAccountRoleArn is taken as "no role": the
 * terraform provider's aws_eks_addon sends `""` when the attribute is removed, and the add-on
 * then falls back to the node's role (its update: "Otherwise, the add-on uses permissions
 * assigned to the node IAM role"). The model's RoleArn minimum (1) would refuse it, and the
 * Go SDK v2 does not check it client-side, so EKS must take it (inf).
 */
export function parseUpdateAddonInput(clusterName: string, addonName: string, body: unknown): UpdateAddonInput {
  const clearsRole = typeof body === 'object' && body !== null && (body as Record<string, unknown>)['serviceAccountRoleArn'] === '';
  const checked = clearsRole ? Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'serviceAccountRoleArn')) : body;
  const input = eksInput('UpdateAddon', { path: { name: clusterName, addonName }, body: checked });
  return clearsRole ? { ...input, serviceAccountRoleArn: '' } : input;
}
