import { issuerUrl } from '@eksid/core';
import { ADMIN_TOKEN_VARIABLE } from '@eksid/core/admin-token';
import type { RunningEksidServer } from '@eksid/server';

/**
 * What `eksid up` prints once ready: the endpoint (the line `eksid ready at <url>` is stable
 * for scripts to wait on), the web dashboard, each cluster's issuer, and commands to try with the
 * AWS CLI.
 */
export function formatBanner(running: RunningEksidServer, adminTokenFrom: 'flag' | 'env' | 'data' = 'data'): string {
  const { ctx, url } = running;
  const { accountId, region } = ctx.config;
  const lines = [`eksid ready at ${url}`, `  account ${accountId}, region ${region}`];
  if (running.listenUrl !== url) lines.push(`  listening on ${running.listenUrl}`);
  lines.push(`  dashboard ${url}/`);
  // A token the user chose is not echoed into terminal scrollback and CI logs.
  const token = adminTokenFrom === 'data' ? ctx.adminToken : adminTokenFrom === 'env' ? `(from $${ADMIN_TOKEN_VARIABLE})` : '(from --admin-token)';
  lines.push(`  admin token ${token}`);
  lines.push(`    guards /_eksid (keys, tokens, events): eksid commands on this machine find it; elsewhere export ${ADMIN_TOKEN_VARIABLE}=… or pass --admin-token`);
  if (ctx.enforceIam) lines.push("  IAM enforced: IAM and EKS calls need the caller's policies to allow them (the account root may do anything)");
  for (const cluster of ctx.store.clusters.list(accountId)) lines.push(`  cluster ${cluster.name}: issuer ${issuerUrl(ctx.config, cluster.oidcId)}`);
  // Strict mode accepts only keys eksid knows: the root key pair is then what to sign with.
  const root = ctx.signatureMode === 'strict' ? ctx.rootKey : undefined;
  const key = root ?? { accessKeyId: 'test', secretAccessKey: 'test' };
  lines.push('', root ? "Point AWS SDKs and CLIs at it (strict signatures: sign with the account root's key pair):" : 'Point AWS SDKs and CLIs at it (any credentials will do):');
  lines.push(`  export AWS_ENDPOINT_URL=${url} AWS_REGION=${region} AWS_DEFAULT_REGION=${region} AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`);
  const irsa = running.document?.roles.find((r) => r.trustPolicy.kind === 'irsa');
  if (irsa && irsa.trustPolicy.kind === 'irsa') {
    const { cluster, namespace, serviceAccount } = irsa.trustPolicy;
    const roleArn = ctx.store.roles.get(accountId, irsa.name)?.arn ?? irsa.name;
    lines.push(`  aws eks describe-cluster --name ${cluster} --query cluster.identity.oidc.issuer`);
    lines.push(
      `  aws sts assume-role-with-web-identity --role-arn ${roleArn} --role-session-name demo \\`,
      `    --web-identity-token "$(eksid token --cluster ${cluster} --namespace ${namespace} --service-account ${serviceAccount})"`,
    );
  } else {
    lines.push('  aws eks create-cluster --name demo --role-arn arn:aws:iam::000000000000:role/eks --resources-vpc-config subnetIds=subnet-1');
    lines.push(`  eksid token --cluster demo --namespace default --service-account app`);
  }
  return `${lines.join('\n')}\n`;
}
