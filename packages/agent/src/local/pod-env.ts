import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * What amazon-eks-pod-identity-webhook injects, by provider. Region variables come first and
 * the provider's own after, in upstream's order (pkg/handler/handler.go), so a process sees
 * what it would see in a pod.
 */
export const IRSA_AUDIENCE = 'sts.amazonaws.com';
export const POD_IDENTITY_AUDIENCE = 'pods.eks.amazonaws.com';

export interface RegionEnv {
  region: string;
  /** eksid's endpoint, set as AWS_ENDPOINT_URL so SDKs call eksid instead of AWS. */
  endpoint: string;
}

function regionEnv({ region, endpoint }: RegionEnv): Record<string, string> {
  return { AWS_STS_REGIONAL_ENDPOINTS: 'regional', AWS_DEFAULT_REGION: region, AWS_REGION: region, AWS_ENDPOINT_URL: endpoint };
}

/** The IRSA env: AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE. */
export function irsaEnvironment(base: RegionEnv, roleArn: string, tokenFile: string): Record<string, string> {
  return { ...regionEnv(base), AWS_ROLE_ARN: roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile };
}

/** The Pod Identity env: the agent's credentials URL + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. */
export function podIdentityEnvironment(base: RegionEnv, credentialsUri: string, tokenFile: string): Record<string, string> {
  return { ...regionEnv(base), AWS_CONTAINER_CREDENTIALS_FULL_URI: credentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile };
}

/**
 * Writes a token the way kubelet projects one: the JWT alone, no trailing newline (botocore
 * sends the Pod Identity token file byte for byte as the Authorization header and rejects a
 * newline), readable by the owner only.
 */
export async function writeTokenFile(file: string, token: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, token, { mode: 0o600 });
  // writeFile keeps the mode of a file that already exists.
  await chmod(file, 0o600);
}
