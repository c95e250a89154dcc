import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bareHost } from '@eksid/core/hosts';
import { AgentBindError } from '../errors.js';

export interface Listener {
  /** Host as given, without brackets. */
  host: string;
  port: number;
  /** `host:port`, IPv6 in brackets, as Go prints addresses. */
  hostport: string;
  close(): Promise<void>;
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// Go's wording for the bind failures people meet (aws/eks-pod-identity-agent#16).
const REASONS: Readonly<Record<string, string>> = {
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EADDRINUSE: 'bind: address already in use',
  EACCES: 'bind: permission denied',
  EAFNOSUPPORT: 'socket: address family not supported by protocol',
  ENOTFOUND: 'no such host',
};

/**
 * Opens one listener per host on the same port. With port 0 the first host picks a free
 * port and the others reuse it, so every bind host serves the same URL shape. If any bind
 * fails, the ones already open are closed and one AgentBindError says which and why.
 */
export async function listenAll(hosts: readonly string[], port: number, handler: RequestListener): Promise<Listener[]> {
  const opened: Listener[] = [];
  let chosen = port;
  try {
    for (const host of hosts) {
      // The real flag default writes `[fd00:ec2::23]`; sockets want the bare address.
      const listener = await listenOne(bareHost(host), chosen, handler);
      chosen = listener.port;
      opened.push(listener);
    }
    return opened;
  } catch (err) {
    await Promise.all(opened.map((l) => l.close()));
    throw err;
  }
}

export function listenOne(host: string, port: number, handler: RequestListener): Promise<Listener> {
  const server = createServer(handler);
  // The agent's http.Server has 30s read/write timeouts (pkg/server/server.go).
  server.requestTimeout = 30_000;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const hostport = joinHostPort(host, port);
      const reason = REASONS[err.code ?? ''] ?? err.message;
      const hint = err.code === 'EADDRNOTAVAIL' && host.includes(':')
        ? ' (is IPv6 disabled on this host? bind only the IPv4 address, e.g. --bind-hosts 169.254.170.23)'
        : '';
      reject(new AgentBindError(hostport, `listen tcp ${hostport}: ${reason}${hint}`, { cause: err }));
    });
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({ host, port: actual, hostport: joinHostPort(host, actual), close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
