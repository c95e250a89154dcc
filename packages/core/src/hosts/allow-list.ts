import { hostOfHostHeader, isHostName, isLoopbackHost, isWildcardAddress } from './host-header.js';

export interface HostAllowListOptions {
  /** The URL clients and issuers use: its host is allowed. */
  publicUrl: string;
  /** The address listened on: allowed when it names one host (not 0.0.0.0 or ::). */
  bindHost: string;
  /** More names the server answers to (`--allowed-host`), as normalizeAllowedHost takes them. */
  allowedHosts?: readonly string[];
}

/** Host headers remembered as allowed, as sent (port included): each request of the hot path looks its own up. */
const REMEMBERED = 64;

/**
 * The Host names a server answers to. A browser sends the name it resolved in Host, so a page
 * whose DNS name was rebound to 127.0.0.1 still says its own name: refusing names we do not
 * own keeps such a page from reading or changing anything. Loopback names are always
 * allowed: no DNS answer can make a browser send them for a foreign page.
 */
export class HostAllowList {
  private readonly hosts: ReadonlySet<string>;
  private readonly allowedHeaders = new Set<string>();

  constructor(options: HostAllowListOptions) {
    const hosts = (options.allowedHosts ?? []).map(normalizeAllowedHost);
    hosts.push(hostOfHostHeader(new URL(options.publicUrl).hostname));
    if (!isWildcardAddress(options.bindHost)) hosts.push(hostOfHostHeader(options.bindHost));
    this.hosts = new Set(hosts);
  }

  /** Whether a request carrying this Host header (with or without port) is answered. */
  allows(hostHeader: string | undefined): boolean {
    if (hostHeader === undefined || hostHeader === '') return false;
    if (this.allowedHeaders.has(hostHeader)) return true;
    const host = hostOfHostHeader(hostHeader);
    const allowed = this.hosts.has(host) || isLoopbackHost(host);
    if (allowed && this.allowedHeaders.size < REMEMBERED) this.allowedHeaders.add(hostHeader);
    return allowed;
  }
}

/**
 * An `--allowed-host` value as the list holds it: a host name or IP address (IPv6 with or
 * without brackets), any case. Throws a TypeError naming the value otherwise.
 */
export function normalizeAllowedHost(value: string): string {
  if (!isHostName(value)) throw new TypeError(`invalid allowed host '${value}': expected a host name or IP address, without scheme, port or path`);
  return hostOfHostHeader(value);
}
