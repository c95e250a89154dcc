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
