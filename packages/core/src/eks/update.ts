import type { UpdateParamRecord, UpdateRecord } from '../store/index.js';
import { ResourceNotFoundError } from './errors.js';

/**
 * The `Update` shape (botocore eks/2017-11-01/service-2.json), members in model order. eksid
 * applies an update within the call that asks for it, so none ever fails: `errors` is always
 * empty. UpdateAddon answers InProgress, as EKS does (docs.aws.amazon.com/eks/latest/APIReference/API_UpdateAddon.html
 * sample response); DescribeUpdate answers Successful from then on, the state EKS reaches
 * later, as DeleteAddon/DeleteCluster answer DELETING for what eksid has already removed.
 */
export interface Update {
  id: string;
  status: 'InProgress' | 'Successful';
  type: string;
  params: UpdateParamRecord[];
  createdAt: number;
  errors: never[];
}

export function updateView(r: UpdateRecord, status: Update['status'] = 'Successful'): Update {
  return { id: r.id, status, type: r.type, params: r.params, createdAt: r.createdAt.getTime() / 1000, errors: [] };
}

/**
 * EKS's answer for an update id it does not find in the scope asked (aws/aws-cli#10252: an
 * add-on's update asked for without its addonName gets exactly this).
 */
export function updateNotFound(id: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`No update found for ID: ${id}`);
}
