import { startAgent } from '@eksid/agent';
import { createLogger } from '@eksid/core/log';

export interface LocalAgent {
  /** http://127.0.0.1:<port>/v1/credentials: a loopback URL both botocore and JS SDK v3 accept. */
  url: string;
  close(): Promise<void>;
}

/**
 * eksid's Pod Identity agent on a free loopback port, calling EKS Auth at endpoint. Probe and
 * metrics listeners stay off (their real ports, 2703/2705, would clash between test files),
 * and the node credentials are static because eksid accepts any signer by default: the SDK's
 * default chain would otherwise end at IMDS and wait.
 */
export async function startPodIdentityAgent(cluster: string, endpoint: string): Promise<LocalAgent> {
  const agent = await startAgent({
    clusterName: cluster,
    endpoint,
    bindHosts: ['127.0.0.1'],
    port: 0,
    probePort: null,
    metricsPort: null,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    logger: await createLogger({ level: 'silent' }),
  });
  const url = agent.urls[0];
  if (url === undefined) {
    await agent.close();
    throw new Error('the Pod Identity agent serves no URL');
  }
  return { url, close: () => agent.close() };
}
