import { resolveTarget } from '../client.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { callIam } from './aws-calls.js';
import { describeRole, formatSimulation } from './format.js';
import type { EvaluationResult } from './format.js';
import { podRole } from './pod-role.js';

export interface CanOptions {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  endpoint?: string;
  adminToken?: string;
}

/** Exit status of a denial: like grep's "no match", an answer rather than a failure to run. */
export const DENIED_EXIT_CODE = 1;

// IAM action names are service:Action (reference_policies_elements_action.html).
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/**
 * `eksid can`: which role the pod gets, then IAM SimulatePrincipalPolicy on that role with
 * the caller keys its session would carry (aws:PrincipalTag/* from session and role tags,
 * aws:PrincipalArn, aws:PrincipalAccount) as ContextEntries. Returns the exit status.
 */
export async function runCan(options: CanOptions, action: string, resource: string | undefined, io: Io): Promise<number> {
  if (!ACTION.test(action)) throw new UsageError(`ACTION must be service:Action, e.g. s3:GetObject (got '${action}')`);
  const server = resolveTarget(options, io.env);
  const target = { cluster: options.cluster, namespace: options.namespace, serviceAccount: options.serviceAccount };
  const role = await podRole(server, target);
  const pod = `${target.namespace}/${target.serviceAccount} in cluster ${target.cluster}`;
  if (role.kind === 'none') {
    io.stdout(`denied: ${action}${resource === undefined ? '' : ` on ${resource}`}\n  ${pod} has no Pod Identity association and no eks.amazonaws.com/role-arn annotation: its pods get no AWS credentials\n`);
    return DENIED_EXIT_CODE;
  }
  const context: Record<string, string> = {
    'aws:PrincipalArn': role.roleArn,
    'aws:PrincipalAccount': role.roleArn.split(':')[4] ?? '',
    ...Object.fromEntries(Object.entries(role.principalTags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
  };
  const params: Record<string, string> = { PolicySourceArn: role.roleArn, 'ActionNames.member.1': action };
  if (resource !== undefined) params['ResourceArns.member.1'] = resource;
  Object.entries(context).forEach(([key, value], i) => {
    params[`ContextEntries.member.${i + 1}.ContextKeyName`] = key;
    params[`ContextEntries.member.${i + 1}.ContextKeyValues.member.1`] = value;
    params[`ContextEntries.member.${i + 1}.ContextKeyType`] = 'string';
  });
  const result = await callIam(server, 'SimulatePrincipalPolicy', params);
  const evaluation = ((result['EvaluationResults'] ?? []) as EvaluationResult[])[0];
  if (evaluation === undefined) throw new TypeError('SimulatePrincipalPolicy answered no evaluation result');
  io.stdout(formatSimulation(evaluation, describeRole(pod, role)));
  return evaluation.EvalDecision === 'allowed' ? 0 : DENIED_EXIT_CODE;
}
