import { isIP, isIPv4 } from 'node:net';

/**
 * Go's net.SplitHostPort: the host of `host:port` (brackets removed from `[v6]:port`), or
 * undefined where Go returns an error (no port, a bare IPv6 address, stray brackets). The
 * Pod Identity Agent reads its Host header this way (internal/validation/request.go).
 */
export function splitHostPort(hostport: string): string | undefined {
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || hostport[end + 1] !== ':' || hostport.indexOf(':', end + 2) >= 0) return undefined;
    return hostport.slice(1, end);
  }
  const colon = hostport.lastIndexOf(':');
  if (colon < 0 || hostport.indexOf(':') !== colon) return undefined;
  return hostport.slice(0, colon);
}

/** A host as given (`[::1]` or `::1`), without IPv6 brackets. */
export function bareHost(host: string): string {
  return host.length > 1 && host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * The name a Host header gives, with or without its port, in the form allow-lists hold:
 * no brackets, lower-case (DNS names are case-insensitive), no trailing root dot.
 */
export function hostOfHostHeader(header: string): string {
  const host = bareHost(splitHostPort(header) ?? header).toLowerCase();
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Names that only ever reach this machine: `localhost` and its subdomains (browsers resolve
 * `*.localhost` to loopback themselves, RFC 6761 §6.3, so no DNS answer can point one
 * elsewhere), 127.0.0.0/8 and ::1. Brackets and case do not matter.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = bareHost(host).toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  return isIPv4(bare) && bare.startsWith('127.');
}

/** Bind addresses that name no host of their own: every interface. */
export function isWildcardAddress(host: string): boolean {
  const bare = bareHost(host);
  return bare === '' || bare === '0.0.0.0' || bare === '::';
}

/** Whether `value` is a host name or IP address (IPv6 with or without brackets), with no scheme, port or path. */
export function isHostName(value: string): boolean {
  const bare = bareHost(value);
  if (isIP(bare) !== 0) return true;
  return /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(value) && value.length <= 253;
}
