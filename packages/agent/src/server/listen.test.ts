import { describe, expect, it } from 'vitest';
import { startAgent } from '../agent.js';
import { REAL_BIND_HOSTS } from '../config.js';
import { AgentBindError } from '../errors.js';
import { createLogger } from '@eksid/core/log';
import { listenAll } from './listen.js';

const quiet = await createLogger({ level: 'silent' });
const noop = () => {};

describe('listenAll', () => {
  it('binds every host on one port chosen by the first', async () => {
    const listeners = await listenAll(['127.0.0.1', '127.0.0.2'], 0, noop);
    try {
      expect(listeners[1]?.port).toBe(listeners[0]?.port);
    } finally {
      await Promise.all(listeners.map((l) => l.close()));
    }
  });

  it('fails with one Go-shaped error when the port is taken, closing what it opened', async () => {
    const [taken] = await listenAll(['127.0.0.1'], 0, noop);
    try {
      const err = await listenAll(['127.0.0.2', '127.0.0.1'], taken?.port ?? 0, noop).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgentBindError);
      expect((err as Error).message).toBe(`listen tcp 127.0.0.1:${taken?.port}: bind: address already in use`);
      // 127.0.0.2 was released again: binding it now works.
      const again = await listenAll(['127.0.0.2'], taken?.port ?? 0, noop);
      await Promise.all(again.map((l) => l.close()));
    } finally {
      await taken?.close();
    }
  });
});

describe('startAgent binding the real addresses', () => {
  // Only meaningful where the link-local addresses are not configured (any dev machine/CI);
  // binding them needs the `pod-id-link0` interface the real agent's init container makes.
  it('reports the missing address clearly (aws/eks-pod-identity-agent#16)', async () => {
    const err = await startAgent({ clusterName: 'demo', bindHosts: REAL_BIND_HOSTS, port: 0, probePort: null, metricsPort: null, logger: quiet, env: {}, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
      .catch((e: unknown) => e);
    if (!(err instanceof AgentBindError)) {
      await (err as { close(): Promise<void> }).close();
      return;
    }
    expect(err.message).toBe('listen tcp 169.254.170.23:0: bind: cannot assign requested address');
  });

  it('names the IPv6 address and the IPv4-only workaround when only IPv6 is missing', async () => {
    const err = await startAgent({ clusterName: 'demo', bindHosts: ['127.0.0.1', '[fd00:ec2::23]'], probePort: null, metricsPort: null, logger: quiet, env: {}, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
      .catch((e: unknown) => e);
    if (!(err instanceof AgentBindError)) {
      await (err as { close(): Promise<void> }).close();
      return;
    }
    expect(err.message).toMatch(/^listen tcp \[fd00:ec2::23\]:\d+: (bind: cannot assign requested address \(is IPv6 disabled on this host\? bind only the IPv4 address, e\.g\. --bind-hosts 169\.254\.170\.23\)|socket: address family not supported by protocol)$/);
  });
});
