import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { AbstractStartedContainer, GenericContainer, Wait } from 'testcontainers';
import type { StartedTestContainer, StopOptions, StoppedTestContainer } from 'testcontainers';
import { IRSA_AUDIENCE, LocalAgents, POD_IDENTITY_AUDIENCE, irsaEnvironment, podIdentityEnvironment, writeTokenFile } from '@eksid/agent';
import { ADMIN_TOKEN_HEADER, ADMIN_TOKEN_VARIABLE } from '@eksid/core/admin-token';

export const EKSID_PORT = 4599;
/** Built from deploy/Dockerfile: `docker build -f deploy/Dockerfile -t eksid:local .` */
export const DEFAULT_EKSID_IMAGE = 'eksid:local';
const CONFIG_DIR = '/etc/eksid';

export interface TokenRequest {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** Default sts.amazonaws.com, as `eksid token`. */
  audience?: string;
  /** Bind the token to a pod of this name (Pod Identity needs the pod claims). */
  pod?: string;
  /** 600 to 2^32; default 86400, as the webhook projects. */
  expirationSeconds?: number;
}

export interface IrsaEnvRequest extends Omit<TokenRequest, 'audience'> {
  roleArn: string;
  /** Where to write the token; it becomes AWS_WEB_IDENTITY_TOKEN_FILE. */
  tokenFile: string;
}

export interface PodIdentityEnvRequest extends Omit<TokenRequest, 'audience'> {
  /** Where to write the token; it becomes AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. */
  tokenFile: string;
}

/**
 * eksid as a testcontainers module, shaped like @testcontainers/localstack: the emulator in a
 * throwaway store, ready once /_eksid/health answers.
 */
export class EksidContainer extends GenericContainer {
  private configFile: string | undefined;
  private region = 'us-east-1';
  // A fresh one per container: the test process is the only client that needs it.
  private adminToken = randomBytes(32).toString('base64url');

  constructor(image: string = DEFAULT_EKSID_IMAGE) {
    super(image);
    this.withExposedPorts(EKSID_PORT)
      .withWaitStrategy(Wait.forHttp('/_eksid/health', EKSID_PORT).forStatusCode(200))
      .withStartupTimeout(120_000);
  }

  /** A config file (YAML or JSON, as `eksid up --config`) applied at start. */
  withConfig(file: string): this {
    this.configFile = `${CONFIG_DIR}/config${extname(file) || '.yaml'}`;
    return this.withCopyFilesToContainer([{ source: file, target: this.configFile, mode: 0o644 }]);
  }

  /** The AWS region eksid serves (`eksid up --region`); default us-east-1. */
  withRegion(region: string): this {
    this.region = region;
    return this;
  }

  /** The token eksid's own API (/_eksid) asks for (EKSID_ADMIN_TOKEN in the container); default a random one. */
  withAdminToken(token: string): this {
    this.adminToken = token;
    return this;
  }

  override async start(): Promise<StartedEksidContainer> {
    // Issuer URLs name host `eksid` (as in docker-compose.yml): reachable from containers
    // on a shared network that give this one that alias, and only an identifier elsewhere.
    const command = ['up', '--host', '0.0.0.0', '--port', String(EKSID_PORT), '--data', ':memory:', '--public-url', `http://eksid:${EKSID_PORT}`];
    command.push('--region', this.region);
    if (this.configFile !== undefined) command.push('--config', this.configFile);
    this.withCommand(command);
    // In the environment, not the command: a process listing shows every container's command.
    this.withEnvironment({ [ADMIN_TOKEN_VARIABLE]: this.adminToken });
    return new StartedEksidContainer(await super.start(), this.region, this.adminToken);
  }
}

export class StartedEksidContainer extends AbstractStartedContainer {
  private readonly agents = new LocalAgents(() => this.getEndpoint());

  constructor(
    started: StartedTestContainer,
    private readonly region: string,
    private readonly adminToken: string,
  ) {
    super(started);
  }

  /** The token eksid's own API asks for: give it to `eksid` commands as EKSID_ADMIN_TOKEN. */
  getAdminToken(): string {
    return this.adminToken;
  }

  /** Where SDKs reach eksid from the test process: use as AWS_ENDPOINT_URL. */
  getEndpoint(): string {
    return `http://${this.getHost()}:${this.getMappedPort(EKSID_PORT)}`;
  }

  /** A service-account JWT signed by the cluster's issuer key, like `eksid token`. */
  async mintToken(request: TokenRequest): Promise<string> {
    const res = await fetch(`${this.getEndpoint()}/_eksid/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: this.adminToken },
      body: JSON.stringify({
        cluster: request.cluster,
        namespace: request.namespace,
        serviceAccount: request.serviceAccount,
        audience: [request.audience ?? IRSA_AUDIENCE],
        ...(request.pod === undefined ? {} : { pod: request.pod }),
        ...(request.expirationSeconds === undefined ? {} : { expirationSeconds: request.expirationSeconds }),
      }),
    });
    const body = (await res.json()) as { token?: unknown; message?: unknown };
    if (!res.ok || typeof body.token !== 'string') {
      throw new Error(`eksid token: ${res.status} ${String(body.message ?? JSON.stringify(body))}`);
    }
    return body.token;
  }

  /** Writes an IRSA token to tokenFile and returns the env the webhook would inject. */
  async irsaEnv(request: IrsaEnvRequest): Promise<Record<string, string>> {
    const { roleArn, tokenFile, ...identity } = request;
    await writeTokenFile(tokenFile, await this.mintToken({ ...identity, audience: IRSA_AUDIENCE }));
    return irsaEnvironment({ region: this.region, endpoint: this.getEndpoint() }, roleArn, tokenFile);
  }

  /**
   * Writes a Pod Identity token to tokenFile and returns the env the webhook would inject,
   * pointing at a Pod Identity agent for the cluster: eksid's agent, run in this process on
   * loopback (as `eksid exec` does), since 169.254.170.23 exists only on a node.
   */
  async podIdentityEnv(request: PodIdentityEnvRequest): Promise<Record<string, string>> {
    const { tokenFile, ...identity } = request;
    const token = await this.mintToken({ ...identity, audience: POD_IDENTITY_AUDIENCE, pod: identity.pod ?? `${identity.serviceAccount}-pod` });
    await writeTokenFile(tokenFile, token);
    const agent = await this.agents.for(identity.cluster);
    return podIdentityEnvironment({ region: this.region, endpoint: this.getEndpoint() }, agent.url, tokenFile);
  }

  override async stop(options?: Partial<StopOptions>): Promise<StoppedTestContainer> {
    await this.agents.closeAll();
    return super.stop(options);
  }
}
