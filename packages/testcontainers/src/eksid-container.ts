import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { AbstractStartedContainer, GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';
import type { StartedTestContainer, StopOptions, StoppedTestContainer } from 'testcontainers';
import { IRSA_AUDIENCE, LocalAgents, POD_IDENTITY_AUDIENCE, irsaEnvironment, podIdentityEnvironment, writeTokenFile } from '@eksid/agent';
import { ADMIN_TOKEN_HEADER, ADMIN_TOKEN_VARIABLE } from '@eksid/core/admin-token';
import { isLoopbackHost } from '@eksid/core/hosts';

export const EKSID_PORT = 4599;
/** Built from deploy/Dockerfile: `docker build -f deploy/Dockerfile -t eksid:local .` */
export const DEFAULT_EKSID_IMAGE = 'eksid:local';
const CONFIG_DIR = '/etc/eksid';
/**
 * The public URL's host (issuer URLs, and the name other containers use) when no alias is
 * given: docker-compose.yml's service name, so a compose file and a test can share configs.
 */
export const DEFAULT_NETWORK_ALIAS = 'eksid';
// Docker's own network modes: network-scoped aliases exist only on user-defined networks.
const BUILT_IN_NETWORK_MODES = new Set(['bridge', 'default', 'host', 'none']);

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

/** The account root's key pair (what `eksid up --strict-signatures` accepts besides the keys it issues). */
export interface RootCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh pair shaped as AWS's long-term keys: AKIA + 16 base32 characters, a 40-character secret. */
function newRootCredentials(): RootCredentials {
  return { accessKeyId: `AKIA${Array.from(randomBytes(16), (b) => BASE32[b % 32]).join('')}`, secretAccessKey: randomBytes(30).toString('base64') };
}

/**
 * eksid as a testcontainers module, shaped like @testcontainers/localstack: the emulator in a
 * throwaway store, ready once /_eksid/health answers.
 */
export class EksidContainer extends GenericContainer {
  private configFile: string | undefined;
  private region = 'us-east-1';
  private rootCredentials: RootCredentials | undefined;
  private readonly allowedHosts: string[] = [];
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

  /**
   * `eksid up --strict-signatures`: SigV4 required wherever AWS requires it, signed with this
   * root key pair (default: a fresh one), which the started container's getRootCredentials() gives.
   */
  withStrictSignatures(rootCredentials: RootCredentials = newRootCredentials()): this {
    this.rootCredentials = { ...rootCredentials };
    return this.withEnvironment({ EKSID_ROOT_ACCESS_KEY_ID: rootCredentials.accessKeyId, EKSID_ROOT_SECRET_ACCESS_KEY: rootCredentials.secretAccessKey });
  }

  /**
   * More names eksid answers to (`eksid up --allowed-host`), e.g. a proxy's; network aliases
   * are allowed already. Any other Host gets 403, as a guard against DNS rebinding.
   */
  withAllowedHosts(...hosts: string[]): this {
    this.allowedHosts.push(...hosts);
    return this;
  }

  /** The token eksid's own API (/_eksid) asks for (EKSID_ADMIN_TOKEN in the container); default a random one. */
  withAdminToken(token: string): this {
    this.adminToken = token;
    return this;
  }

  override async start(): Promise<StartedEksidContainer> {
    const publicUrl = `http://${this.publicHost()}:${EKSID_PORT}`;
    const command = ['up', '--host', '0.0.0.0', '--port', String(EKSID_PORT), '--data', ':memory:', '--public-url', publicUrl];
    command.push('--region', this.region);
    for (const host of await this.hostsToAllow(publicUrl)) command.push('--allowed-host', host);
    if (this.rootCredentials !== undefined) command.push('--strict-signatures');
    if (this.configFile !== undefined) command.push('--config', this.configFile);
    this.withCommand(command);
    // In the environment, not the command: a process listing shows every container's command.
    this.withEnvironment({ [ADMIN_TOKEN_VARIABLE]: this.adminToken });
    return new StartedEksidContainer(await super.start(), { region: this.region, adminToken: this.adminToken, publicUrl, rootCredentials: this.rootCredentials });
  }

  /**
   * The host of the public URL, which issuer URLs name: other containers fetch the JWKS and
   * call eksid there, so it must be a name they resolve. The first alias given
   * (withNetworkAliases); else, on a network of the user's, DEFAULT_NETWORK_ALIAS, added as an
   * alias. A fixed name rather than a random one: other containers can be configured with it
   * before this one starts, as in a compose file. Two eksids on one network need an alias each.
   * Without a user network nothing resolves any name, and the URL is only the tokens' `iss`.
   */
  private publicHost(): string {
    const given = this.networkAliases[0];
    if (given !== undefined) return given;
    const mode = this.networkMode;
    if (mode !== undefined && !BUILT_IN_NETWORK_MODES.has(mode) && !mode.startsWith('container:')) this.withNetworkAliases(DEFAULT_NETWORK_ALIAS);
    return DEFAULT_NETWORK_ALIAS;
  }

  /**
   * Names eksid must answer to besides the public URL's host (which it always does): every
   * other alias, withAllowedHosts' names, and the runtime's host (what getHost() answers):
   * localhost with a local engine, but a name or gateway address of its own with a remote
   * engine, Docker-in-Docker or a test run inside a container.
   */
  private async hostsToAllow(publicUrl: string): Promise<string[]> {
    const runtimeHost = (await getContainerRuntimeClient()).info.containerRuntime.host;
    const publicHost = new URL(publicUrl).hostname;
    return [...new Set([runtimeHost, ...this.networkAliases, ...this.allowedHosts])].filter((host) => host !== publicHost && !isLoopbackHost(host));
  }
}

/** What EksidContainer.start() settled on, for the started container. */
export interface StartedEksidOptions {
  region: string;
  adminToken: string;
  /** `eksid up --public-url`: where other containers reach eksid, and what issuer URLs start with. */
  publicUrl: string;
  rootCredentials?: RootCredentials;
}

export class StartedEksidContainer extends AbstractStartedContainer {
  // Under strict signatures the agents sign EKS Auth calls as the root; any key does otherwise.
  private readonly agents = new LocalAgents(
    () => this.getConnectionUri(),
    () => ({ region: this.options.region, credentials: this.options.rootCredentials ?? { accessKeyId: 'test', secretAccessKey: 'test' } }),
  );

  constructor(
    started: StartedTestContainer,
    private readonly options: StartedEksidOptions,
  ) {
    super(started);
  }

  /** The root key pair to sign with (withStrictSignatures only: any key will do otherwise). */
  getRootCredentials(): RootCredentials {
    if (this.options.rootCredentials === undefined) throw new Error('getRootCredentials: the container was not started withStrictSignatures(); any access key works');
    return { ...this.options.rootCredentials };
  }

  /** The region eksid serves (withRegion; default us-east-1). */
  getRegion(): string {
    return this.options.region;
  }

  /** The token eksid's own API asks for: give it to `eksid` commands as EKSID_ADMIN_TOKEN. */
  getAdminToken(): string {
    return this.options.adminToken;
  }

  /** The host port eksid's port 4599 is mapped to. */
  getPort(): number {
    return this.getMappedPort(EKSID_PORT);
  }

  /** `http://host:port`, where SDKs reach eksid from the test process: use as AWS_ENDPOINT_URL. */
  getConnectionUri(): string {
    return `http://${this.getHost()}:${this.getPort()}`;
  }

  /** The same as getConnectionUri(), the name the module had first. */
  getEndpoint(): string {
    return this.getConnectionUri();
  }

  /**
   * `http://<alias>:4599`: where other containers on the network reach eksid, and what issuer
   * URLs start with (the first network alias, or `eksid`).
   */
  getPublicUrl(): string {
    return this.options.publicUrl;
  }

  /** A service-account JWT signed by the cluster's issuer key, like `eksid token`. */
  async mintToken(request: TokenRequest): Promise<string> {
    const res = await fetch(`${this.getConnectionUri()}/_eksid/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: this.options.adminToken },
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
    return irsaEnvironment({ region: this.options.region, endpoint: this.getConnectionUri() }, roleArn, tokenFile);
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
    return podIdentityEnvironment({ region: this.options.region, endpoint: this.getConnectionUri() }, agent.url, tokenFile);
  }

  override async stop(options?: Partial<StopOptions>): Promise<StoppedTestContainer> {
    await this.agents.closeAll();
    return super.stop(options);
  }
}
