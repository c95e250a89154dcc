import type { CreateClusterRequest } from '../shapes/models/eks.js';
import { eksShapes } from '../shapes/models/index.js';
import { parseRestJsonInput } from '../shapes/index.js';
import { InvalidParameterError } from './errors.js';
import { eksInput } from './input.js';
import { checkReservedTagKeys } from './tags.js';

/** CreateClusterRequest, whose role and VPC a declaration (eksid apply) may leave out. */
export type CreateClusterInput = Omit<CreateClusterRequest, 'roleArn' | 'resourcesVpcConfig'> & Partial<Pick<CreateClusterRequest, 'roleArn' | 'resourcesVpcConfig'>>;

/** The model with only the name required: what a cluster declaration must say. */
const declarationShapes = {
  ...eksShapes,
  shapes: { ...eksShapes.shapes, CreateClusterRequest: { ...eksShapes.shapes['CreateClusterRequest'], type: 'structure', required: ['name'] } },
};

/**
 * EKS accepts the minor versions it currently supports and answers others with
 * InvalidParameterException "unsupported Kubernetes version <v>"; eksid accepts any 1.x.
 */
function checkVersion(version: string): void {
  if (!/^1\.\d{1,3}$/.test(version)) throw new InvalidParameterError(`unsupported Kubernetes version ${version}`);
}

/** moto's check and message for a cluster role (moto/eks/utils.py validate_role_arn). */
function checkRoleArn(arn: string): void {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) throw new InvalidParameterError(`Invalid Role Arn: '${arn}'`);
}

/**
 * The CreateCluster body read through the model, then the checks the model does not state:
 * the version, the role ARN's form and the reserved `aws:` tag keys. A `declaration` (eksid
 * apply) names only what a local cluster needs, so the API's required role and VPC may be absent.
 */
export function parseCreateClusterInput(body: unknown, mode: 'request' | 'declaration' = 'request'): CreateClusterInput {
  const input: CreateClusterInput = mode === 'request'
    ? eksInput('CreateCluster', { body })
    : parseRestJsonInput(declarationShapes, 'CreateCluster', { body }, InvalidParameterError);
  if (input.version !== undefined) checkVersion(input.version);
  if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
  checkReservedTagKeys(input.tags, InvalidParameterError);
  return input;
}
