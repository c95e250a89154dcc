import { IRSA_AUDIENCE, LocalAgents, POD_IDENTITY_AUDIENCE, irsaEnvironment, podIdentityEnvironment, writeTokenFile } from '@eksid/agent';
import { AwsError, ROLE_ARN_ANNOTATION, applyDocument, issuerUrl, parseApplyDocument, requireCluster } from '@eksid/core';
import { createLogger } from '@eksid/core/log';
import { getServiceAccount, mintToken, startEksidServer } from '@eksid/server';
import type { RunningEksidServer } from '@eksid/server';
import { readConfigFile } from '../config-file.js';
import type { AccessKey, ApplyResult, Eksid, EksidConfig, IrsaEnvRequest, PodIdentityEnvRequest, StartEksid, TokenRequest } from './api.js';

/** A config as plain data with the name its errors carry: the file, or `config` for an object. */
function configOf(config: string | EksidConfig): { document: unknown; source: string } {
  return typeof config === 'string' ? { document: readConfigFile(config), source: config } : { document: config, source: 'config' };
}

/** An AWS-shaped refusal (bad token request, unknown cluster) as a plain Error a test can read. */
async function plainErrors<T>(what: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AwsError) throw new Error(`${what}: ${err.message}`, { cause: err });
    throw err;
  }
}

class EmbeddedEksid implements Eksid {
  // The agents sign EKS Auth calls as the root, so they work in strict mode too.
  private readonly agents = new LocalAgents(() => this.endpoint, () => ({ region: this.region, credentials: this.rootCredentials }));

  constructor(private readonly running: RunningEksidServer) {}

  get endpoint(): string {
    return this.running.url;
  }

  get accountId(): string {
    return this.running.ctx.config.accountId;
  }

  get region(): string {
    return this.running.ctx.config.region;
  }

  get rootCredentials(): AccessKey {
    const { rootKey } = this.running.ctx;
    if (rootKey === undefined) throw new TypeError('startEksidServer always sets the root key pair');
    return { ...rootKey };
  }

  get adminToken(): string {
    return this.running.ctx.adminToken;
  }

  issuer(cluster: string): string {
    const { ctx } = this.running;
    return issuerUrl(ctx.config, requireCluster(ctx, cluster).oidcId);
  }

  token(request: TokenRequest): Promise<string> {
    const audience = typeof request.audience === 'string' ? [request.audience] : request.audience;
    const body = { cluster: request.cluster, namespace: request.namespace, serviceAccount: request.serviceAccount, audience, expirationSeconds: request.expirationSeconds, pod: request.pod };
    return plainErrors('token', async () => (await mintToken(this.running.ctx, body)).token);
  }

  async irsaEnv(request: IrsaEnvRequest): Promise<Record<string, string>> {
    const { roleArn = this.annotatedRole(request), tokenFile, ...identity } = request;
    await writeTokenFile(tokenFile, await this.token({ ...identity, audience: IRSA_AUDIENCE }));
    return irsaEnvironment({ region: this.region, endpoint: this.endpoint }, roleArn, tokenFile);
  }

  async podIdentityEnv(request: PodIdentityEnvRequest): Promise<Record<string, string>> {
    const { tokenFile, pod = `${request.serviceAccount}-pod`, ...identity } = request;
    await writeTokenFile(tokenFile, await this.token({ ...identity, audience: POD_IDENTITY_AUDIENCE, pod }));
    const agent = await this.agents.for(request.cluster);
    return podIdentityEnvironment({ region: this.region, endpoint: this.endpoint }, agent.url, tokenFile);
  }

  apply(config: string | EksidConfig): Promise<ApplyResult> {
    const { document, source } = configOf(config);
    return plainErrors(source, () => applyDocument(this.running.ctx, parseApplyDocument(document)));
  }

  async close(): Promise<void> {
    await this.agents.closeAll();
    await this.running.close();
  }

  /** The role the webhook would inject for the service account: its eks.amazonaws.com/role-arn annotation. */
  private annotatedRole(request: IrsaEnvRequest): string {
    const { annotations } = getServiceAccount(this.running.ctx, request.cluster, request.namespace, request.serviceAccount);
    const role = annotations[ROLE_ARN_ANNOTATION];
    if (role === undefined) throw new Error(`irsaEnv: ${request.namespace}/${request.serviceAccount} in cluster ${request.cluster} has no ${ROLE_ARN_ANNOTATION} annotation; pass roleArn`);
    return role;
  }
}

/**
 * eksid in this process, for a JS/TS test suite (what moto's decorator is for Python): a
 * throwaway store on a free loopback port by default, many instances side by side.
 */
export const startEksid: StartEksid = async (options = {}) => {
  const { config, logLevel = 'silent', port = 0, host = '127.0.0.1', data = ':memory:', rootCredentials, ...settings } = options;
  const { document, source } = config === undefined ? { document: undefined, source: undefined } : configOf(config);
  const log = await createLogger({ level: logLevel });
  return new EmbeddedEksid(await startEksidServer({
    ...settings,
    port,
    host,
    data,
    config: document,
    configSource: source,
    rootAccessKeyId: rootCredentials?.accessKeyId,
    rootSecretAccessKey: rootCredentials?.secretAccessKey,
  }, log));
};
