import { deleteRolePermissionsBoundary, putRolePermissionsBoundary } from '@eksid/core';
import type { QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput } from './input.js';

export function parsePutRolePermissionsBoundaryInput(params: QueryParams): { roleName: string; permissionsBoundary: string } {
  const i = iamInput('PutRolePermissionsBoundary', params);
  return { roleName: i.RoleName, permissionsBoundary: i.PermissionsBoundary };
}

export function parseDeleteRolePermissionsBoundaryInput(params: QueryParams): { roleName: string } {
  return { roleName: iamInput('DeleteRolePermissionsBoundary', params).RoleName };
}

// Both outputs are empty in botocore's model: no <…Result> element, as IAM answers.
export const permissionsBoundaryActions: Record<string, QueryHandler> = {
  PutRolePermissionsBoundary: ({ ctx, params }) => void putRolePermissionsBoundary(ctx, parsePutRolePermissionsBoundaryInput(params)),
  DeleteRolePermissionsBoundary: ({ ctx, params }) => void deleteRolePermissionsBoundary(ctx, parseDeleteRolePermissionsBoundaryInput(params)),
};
