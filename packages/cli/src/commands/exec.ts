import { Command } from 'commander';
import type { ExecDeps, ExecOptions } from '../exec/run-exec.js';
import { ADMIN_TOKEN_HELP, endpointHelp } from '../client.js';
import type { Io } from '../io.js';

const AFTER_HELP = `
CMD runs the way a pod with that service account runs on EKS:
  - Pod Identity when the account has an association (it wins, as on EKS): a token file with
    audience pods.eks.amazonaws.com, AWS_CONTAINER_CREDENTIALS_FULL_URI pointing at an agent
    eksid starts on loopback, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  - else IRSA when it is annotated eks.amazonaws.com/role-arn: AWS_ROLE_ARN and
    AWS_WEB_IDENTITY_TOKEN_FILE;
  - else no AWS credentials at all (with a warning), like such a pod.
The env is what the pod identity webhook injects; only the token paths (a temp dir) and the
agent URL differ. Tokens are refreshed at 80% of their lifetime while CMD runs.
So that the pod's credentials are the ones used, CMD does NOT inherit AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE or other credential variables, and
AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE point at files that do not exist. AWS_ENDPOINT_URL
and AWS_ENDPOINT_URL_STS are the eksid endpoint; AWS_REGION/AWS_DEFAULT_REGION are kept, or
set to us-east-1. SIGINT, SIGTERM and SIGHUP go to CMD; eksid exits with CMD's status (128+N
if a signal N ended it, 127 if CMD is not found).

Example:
  eksid exec --cluster demo --namespace default --service-account app -- aws sts get-caller-identity
`;

/** `eksid exec ... -- CMD...`; `setExitCode` carries CMD's status out of commander. */
export function execCommand(io: Io, setExitCode: (code: number) => void, deps?: ExecDeps): Command {
  return new Command('exec')
    .description('run a command as a pod with this service account would run (token files, injected env, agent)')
    .requiredOption('--cluster <name>', 'cluster name')
    .requiredOption('--namespace <namespace>', 'service account namespace')
    .requiredOption('--service-account <name>', 'service account name')
    .option('--pod <name>', 'pod name in the token (default: exec-<random>)')
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .argument('<command...>', 'command and its arguments, after --')
    .passThroughOptions()
    .addHelpText('after', AFTER_HELP)
    .action(async (argv: string[], options: ExecOptions) => {
      // Loaded here: the webhook package (and its Kubernetes client) takes seconds to load,
      // which no other command should pay.
      const { runExec } = await import('../exec/run-exec.js');
      setExitCode(await runExec(options, argv, io, deps));
    });
}
