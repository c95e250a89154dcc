import type { AwsCredentialIdentity } from '@smithy/types';
import { startAgent } from '../agent.js';
import { createLogger } from '@eksid/core/log';

export interface LocalAgent {
  /** http://127.0.0.1:<port>/v1/credentials: a loopback URL both botocore and JS SDK v3 accept. */
  url: string;
  close(): Promise<void>;
}

/** What the local agents sign EKS Auth calls with, as a node signs with its role. */
export interface LocalNode {
  /** The region EKS Auth serves (the credential scope must name it); default AWS_REGION, else us-east-1. */
  region?: string;
  credentials: AwsCredentialIdentity;
}

/** Any key will do for eksid in its default (lenient) mode; strict mode needs a key eksid knows, e.g. the root's. */
const ANY_KEY: LocalNode = { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/**
 * eksid's Pod Identity agent on a free loopback port, calling EKS Auth at endpoint. Probe and
 * metrics listeners stay off (their real ports, 2703/2705, would clash between test files),
 * and the node credentials are static: the SDK's default chain would otherwise end at IMDS and wait.
 */
async function startLocalAgent(cluster: string, endpoint: string, node: LocalNode): Promise<LocalAgent> {
  const agent = await startAgent({
    clusterName: cluster,
    endpoint,
    bindHosts: ['127.0.0.1'],
    port: 0,
    probePort: null,
    metricsPort: null,
    ...(node.region === undefined ? {} : { region: node.region }),
    credentials: node.credentials,
    logger: await createLogger({ level: 'silent' }),
  });
  const url = agent.urls[0];
  if (url === undefined) {
    await agent.close();
    throw new Error('the Pod Identity agent serves no URL');
  }
  return { url, close: () => agent.close() };
}

/**
 * One loopback agent per cluster, started on first use, for a test process that stands in
 * for pods (the testcontainers module, the `eksid` package's embedding API): 169.254.170.23
 * exists only on a node.
 */
export class LocalAgents {
  private readonly agents = new Map<string, Promise<LocalAgent>>();

  constructor(
    private readonly endpoint: () => string,
    private readonly node: () => LocalNode = () => ANY_KEY,
  ) {}

  /** The agent serving `cluster`'s pods (started concurrently callers share one start). */
  for(cluster: string): Promise<LocalAgent> {
    let agent = this.agents.get(cluster);
    if (agent === undefined) {
      agent = startLocalAgent(cluster, this.endpoint(), this.node());
      this.agents.set(cluster, agent);
    }
    return agent;
  }

  async closeAll(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map(async (agent) => (await agent).close()));
  }
}
