import { CreateClusterCommand, DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ROOT_KEYS, irsaTrustPolicy } from './clients.js';

export const REGION = 'us-east-1';
export const rootCredentials = { accessKeyId: ROOT_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: ROOT_KEYS.AWS_SECRET_ACCESS_KEY };

export interface IrsaFixture {
  cluster: string;
  issuer: string;
  issuerHostPath: string;
  providerArn: string;
  roleArn: string;
}

/** Cluster + OIDC provider + IRSA role for NS/SA, made with the JS SDK v3 as a user would. */
export async function createIrsaFixture(endpoint: string, cluster: string, role: string, namespace: string, serviceAccount: string, maxSessionDuration = 3600): Promise<IrsaFixture> {
  const config = { endpoint, region: REGION, credentials: rootCredentials };
  const eks = new EKSClient(config);
  const iam = new IAMClient(config);
  await eks.send(new CreateClusterCommand({ name: cluster, roleArn: 'arn:aws:iam::000000000000:role/eks', resourcesVpcConfig: { subnetIds: ['subnet-1'] } }));
  const described = await eks.send(new DescribeClusterCommand({ name: cluster }));
  const issuer = described.cluster?.identity?.oidc?.issuer ?? '';
  const provider = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
  const issuerHostPath = issuer.replace(/^https?:\/\//, '');
  const providerArn = provider.OpenIDConnectProviderArn ?? '';
  const created = await iam.send(
    new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: irsaTrustPolicy(providerArn, issuerHostPath, namespace, serviceAccount), MaxSessionDuration: maxSessionDuration }),
  );
  eks.destroy();
  iam.destroy();
  return { cluster, issuer, issuerHostPath, providerArn, roleArn: created.Role?.Arn ?? '' };
}
