import { Command } from 'commander';
import { ADMIN_TOKEN_HELP, endpointHelp } from '../client.js';
import type { CanOptions } from '../can/run-can.js';
import type { Io } from '../io.js';

const AFTER_HELP = `
The role is the one a pod of that service account gets, decided as \`eksid exec\` decides it:
a Pod Identity association wins, else the eks.amazonaws.com/role-arn annotation (IRSA). eksid
then asks IAM SimulatePrincipalPolicy on that role, with the keys the pod's session carries:
aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalTag/* (Pod Identity's session tags
eks-cluster-arn, eks-cluster-name, kubernetes-namespace, kubernetes-service-account, and the
role's own tags). Without RESOURCE the action is simulated on "*".

Exit status: 0 when allowed, 1 when denied (or on errors), 2 on usage errors.

Example:
  eksid can --cluster demo --namespace default --service-account app s3:GetObject arn:aws:s3:::my-bucket/key
`;

/** `eksid can ... ACTION [RESOURCE]`; `setExitCode` carries the answer out of commander. */
export function canCommand(io: Io, setExitCode: (code: number) => void): Command {
  return new Command('can')
    .description("say whether a pod with this service account may perform ACTION on RESOURCE, by the role's policies")
    .requiredOption('--cluster <name>', 'cluster name')
    .requiredOption('--namespace <namespace>', 'service account namespace')
    .requiredOption('--service-account <name>', 'service account name')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .argument('<action>', 'IAM action, e.g. s3:GetObject')
    .argument('[resource]', 'resource ARN (default: *)')
    .addHelpText('after', AFTER_HELP)
    .action(async (action: string, resource: string | undefined, options: CanOptions) => {
      // Loaded here: the run reads @eksid/core, which no other command should pay for at start.
      const { runCan } = await import('../can/run-can.js');
      setExitCode(await runCan(options, action, resource, io));
    });
}
